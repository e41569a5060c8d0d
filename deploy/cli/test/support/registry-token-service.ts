import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SelfSignedCertificate } from './registry-certificate';

/**
 * A registry token service (the distribution token authentication spec) on 127.0.0.1: GET with
 * Basic credentials or anonymously, POST with an OAuth2 refresh_token or password grant. Its tokens
 * are JWTs signed RS256 with the certificate in the x5c header, which is what registry:2's
 * `auth: token` verifies against its rootcertbundle.
 */
export interface TokenServiceOptions {
  service: string;
  issuer: string;
  /** user -> password */
  users: Record<string, string>;
  /** identity (refresh) token -> user */
  identityTokens?: Record<string, string>;
  /** Signs with this certificate's key and sends it in x5c; without one, a fresh key signs. */
  certificate?: SelfSignedCertificate;
  /** The expires_in clients are told; the JWT itself stays valid for five minutes, so no test races its expiry. */
  expiresIn?: number;
  /** Anonymous callers may pull (a public registry); otherwise they get tokens that grant nothing. */
  anonymousPull?: boolean;
  /** Users whose credentials are right but who may touch nothing. */
  withoutAccess?: string[];
}

export interface TokenServiceRequest {
  method: string;
  grant: 'basic' | 'anonymous' | 'refresh_token' | 'password' | 'refused';
  account?: string;
  scopes: string[];
}

export interface AccessClaim {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenService {
  realm: string;
  requests: TokenServiceRequest[];
  /** The access a token grants, or undefined when it is not one this service signed or it expired. */
  verify(token: string): { sub: string; access: AccessClaim[] } | undefined;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startTokenService(options: TokenServiceOptions): Promise<TokenService> {
  const { privateKey, publicKey, x5c } = signingKeys(options.certificate);
  const requests: TokenServiceRequest[] = [];

  const issue = (subject: string, scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 300;
    const validFor = 300;
    const claims = {
      iss: options.issuer,
      sub: subject,
      aud: options.service,
      exp: now + validFor,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scopes.map(parseScope).flatMap((claim) => {
        if (options.withoutAccess?.includes(subject)) return [];
        if (subject) return [claim];
        return options.anonymousPull && claim.actions.includes('pull')
          ? [{ ...claim, actions: ['pull'] }]
          : [];
      }),
    };
    const header = { typ: 'JWT', alg: 'RS256', ...(x5c ? { x5c: [x5c] } : {}) };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), privateKey))}`;
    return {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date(now * 1000).toISOString(),
    };
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token');
      const form = new URLSearchParams(req.method === 'POST' ? body : '');
      const scopes =
        req.method === 'POST'
          ? (form.get('scope') ?? '').split(' ').filter(Boolean)
          : url.searchParams.getAll('scope');
      const subject = authenticate(req, form);
      requests.push({
        method: req.method ?? '',
        grant: subject?.grant ?? 'refused',
        account: subject?.user,
        scopes,
      });
      if (!subject) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ details: 'incorrect username or password' }));
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(issue(subject.user ?? '', scopes)));
    });
  });

  const authenticate = (
    req: http.IncomingMessage,
    form: URLSearchParams,
  ): { grant: TokenServiceRequest['grant']; user?: string } | undefined => {
    if (req.method === 'POST') {
      const grant = form.get('grant_type');
      if (grant === 'refresh_token') {
        const user = options.identityTokens?.[form.get('refresh_token') ?? ''];
        return user ? { grant, user } : undefined;
      }
      if (grant === 'password') {
        const user = form.get('username') ?? '';
        return options.users[user] === form.get('password') ? { grant, user } : undefined;
      }
      return undefined;
    }
    const header = req.headers.authorization;
    if (!header) return { grant: 'anonymous' };
    const [user, ...rest] = Buffer.from(header.replace(/^Basic /i, ''), 'base64')
      .toString()
      .split(':');
    return user && options.users[user] === rest.join(':') ? { grant: 'basic', user } : undefined;
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    verify(token) {
      const [header, payload, signature] = token.split('.');
      if (!header || !payload || !signature) return undefined;
      if (
        !verify(
          'sha256',
          Buffer.from(`${header}.${payload}`),
          publicKey,
          Buffer.from(signature, 'base64url'),
        )
      )
        return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        sub: string;
        exp: number;
        access: AccessClaim[];
      };
      return claims.exp * 1000 > Date.now() ? claims : undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** "repository:portside/greeter:pull,push" -> its claim. */
function parseScope(scope: string): AccessClaim {
  const [type = '', ...rest] = scope.split(':');
  const actions = rest.pop() ?? '';
  return { type, name: rest.join(':'), actions: actions.split(',').filter(Boolean) };
}

/** One key for every certificate-less service of a test run: RSA key generation is slow. */
let sharedKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function signingKeys(certificate: SelfSignedCertificate | undefined): {
  privateKey: KeyObject;
  publicKey: KeyObject;
  x5c?: string;
} {
  if (!certificate) return (sharedKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const cert = new X509Certificate(certificate.certPem);
  return {
    privateKey: createPrivateKey(certificate.keyPem),
    publicKey: createPublicKey(certificate.certPem),
    x5c: cert.raw.toString('base64'),
  };
}

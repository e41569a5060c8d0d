import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SelfSignedCertificate } from './registry-certificate';
import type { TokenService } from './registry-token-service';

/** How the stand-in wants to be authenticated. */
export type StandInAuth =
  | { basic: Record<string, string> }
  | { bearer: { tokens: TokenService; service: string; realm?: string } }
  /** Answer every request 401 with this WWW-Authenticate header. */
  | { challenge: string };

export interface StandInRegistry {
  /** host:port */
  host: string;
  port: number;
  /** Every request: method, path and the scheme of its Authorization header ("none" without one). */
  requests: { method: string; path: string; authorization: string }[];
  close(): Promise<void>;
}

/**
 * A registry's HTTP API (v2) reduced to what `portside push` asks before pushing: GET /v2/ and
 * HEAD of a manifest, behind Basic or Bearer authentication as the distribution spec describes.
 * For the client's unit tests; the end-to-end tests use the real registry:2.
 */
export async function startStandInRegistry(options: {
  auth: StandInAuth;
  manifests?: Record<string, string>;
  tls?: SelfSignedCertificate;
}): Promise<StandInRegistry> {
  const requests: StandInRegistry['requests'] = [];
  const handler: http.RequestListener = (req, res) => {
    const authorization = req.headers.authorization ?? '';
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: authorization.split(' ')[0] || 'none',
    });
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(req.url ?? '');
    if (req.url !== '/v2/' && !manifest) return void res.writeHead(404).end();
    const repository = manifest?.[1];
    const refusal = refuse(options.auth, authorization, repository);
    if (refusal)
      return void res
        .writeHead(401, { 'www-authenticate': refusal, 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    if (!manifest) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const digest = options.manifests?.[`${repository}:${manifest[2]}`];
    if (!digest) return void res.writeHead(404).end();
    res
      .writeHead(200, {
        'docker-content-digest': digest,
        'content-type': 'application/vnd.docker.distribution.manifest.v2+json',
      })
      .end();
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The WWW-Authenticate header to answer with, or undefined when the request may pass. */
function refuse(
  auth: StandInAuth,
  authorization: string,
  repository: string | undefined,
): string | undefined {
  if ('challenge' in auth) return auth.challenge;
  if ('basic' in auth) {
    const [user, ...rest] = Buffer.from(authorization.replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    const valid =
      authorization.startsWith('Basic ') &&
      user !== undefined &&
      auth.basic[user] === rest.join(':');
    return valid ? undefined : 'Basic realm="stand-in"';
  }
  const { tokens, service, realm } = auth.bearer;
  const scope = repository ? `repository:${repository}:pull` : '';
  const claims = authorization.startsWith('Bearer ')
    ? tokens.verify(authorization.slice(7))
    : undefined;
  const allowed =
    claims &&
    (!repository ||
      claims.access.some(
        (a) => a.type === 'repository' && a.name === repository && a.actions.includes('pull'),
      ));
  if (allowed) return undefined;
  const error = claims ? ',error="insufficient_scope"' : '';
  return `Bearer realm="${realm ?? tokens.realm}",service="${service}"${scope ? `,scope="${scope}"` : ''}${error}`;
}

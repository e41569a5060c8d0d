import { freePort } from '@portside/testkit';
import { EnvironmentError } from '../src/core/errors';
import { RegistryClient, type FoundCredential } from '../src/registry';
import type { RegistryEndpoint } from '../src/registry/host';
import { failureOf } from './support/failure-of';
import { selfSignedCertificate } from './support/registry-certificate';
import {
  startStandInRegistry,
  type StandInAuth,
  type StandInRegistry,
} from './support/registry-stand-in';
import {
  startTokenService,
  type TokenService,
  type TokenServiceOptions,
} from './support/registry-token-service';

// The registry client against stand-ins on 127.0.0.1 that answer as the distribution spec says:
// Basic and Bearer challenges, a token service, and the ways each can say no.

const DIGEST = `sha256:${'d'.repeat(64)}`;
const MANIFESTS = { 'portside/catalog:v1': DIGEST, 'portside/cart:v1': DIGEST };
const FROM_ENV = 'PORTSIDE_REGISTRY_USER/PORTSIDE_REGISTRY_PASSWORD';
const basic = (username: string, password: string): FoundCredential => ({
  credential: { kind: 'basic', username, password },
  source: FROM_ENV,
});
const identityToken = (token: string): FoundCredential => ({
  credential: { kind: 'identity-token', token },
  source: 'PORTSIDE_REGISTRY_TOKEN',
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function standIn(
  auth: StandInAuth,
  tls?: ReturnType<typeof selfSignedCertificate>,
): Promise<StandInRegistry> {
  const registry = await startStandInRegistry({ auth, manifests: MANIFESTS, tls });
  closers.push(registry.close);
  return registry;
}

async function tokenService(options: Partial<TokenServiceOptions> = {}): Promise<TokenService> {
  const service = await startTokenService({
    service: 'stand-in',
    issuer: 'test',
    users: { alice: 's3cret' },
    identityTokens: { 'rt-alice': 'alice' },
    ...options,
  });
  closers.push(service.close);
  return service;
}

const plain = (host: string): RegistryEndpoint => ({
  host,
  baseUrl: `http://${host}`,
  secure: false,
});
/** What the client fails with: an EnvironmentError, a line for the person running the deploy. */
const failure = (promise: Promise<unknown>) => failureOf<EnvironmentError>(promise);
/** The digest of portside/catalog:v1, asked of the registry at `host` with these credentials. */
const catalogDigest = (host: string, credential?: FoundCredential) =>
  new RegistryClient(plain(host), credential).manifestDigest('portside/catalog', 'v1');

describe('Basic challenges', () => {
  it('answers the challenge with the user and password, then sends them up front', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    const client = new RegistryClient(plain(registry.host), basic('alice', 's3cret'));
    expect(await client.manifestDigest('portside/catalog', 'v1')).toBe(DIGEST);
    expect(await client.manifestDigest('portside/cart', 'v2')).toBeUndefined();
    expect(registry.requests.map((r) => r.authorization)).toEqual(['none', 'Basic', 'Basic']);
  });

  it('wrong credentials: one line naming the registry and where the credentials came from', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    const error = await failure(catalogDigest(registry.host, basic('alice', 'nope')));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error?.message).toBe(
      `registry ${registry.host} refused the credentials from ${FROM_ENV}`,
    );
    expect(error?.hint).toBe(`check ${FROM_ENV}`);
  });

  it('no credentials at all: says how to give some', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    const error = await failure(catalogDigest(registry.host));
    expect(error?.message).toBe(`registry ${registry.host} wants credentials and none were found`);
    expect(error?.hint).toBe(
      `set PORTSIDE_REGISTRY_USER and PORTSIDE_REGISTRY_PASSWORD, or run docker login ${registry.host}`,
    );
  });

  it('an identity token cannot answer a Basic challenge', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    const error = await failure(catalogDigest(registry.host, identityToken('rt-alice')));
    expect(error?.message).toBe(
      `registry ${registry.host} asks for a user and password, but the credential from PORTSIDE_REGISTRY_TOKEN is an identity token`,
    );
  });
});

describe('Bearer challenges', () => {
  it('gets a token from the realm with Basic credentials, for the scope asked, and keeps it for that scope', async () => {
    const tokens = await tokenService();
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    const client = new RegistryClient(plain(registry.host), basic('alice', 's3cret'));
    expect(await client.manifestDigest('portside/catalog', 'v1')).toBe(DIGEST);
    expect(await client.manifestDigest('portside/catalog', 'v1')).toBe(DIGEST);
    expect(await client.manifestDigest('portside/cart', 'v1')).toBe(DIGEST);
    expect(tokens.requests).toEqual([
      {
        method: 'GET',
        grant: 'basic',
        account: 'alice',
        scopes: ['repository:portside/catalog:pull'],
      },
      {
        method: 'GET',
        grant: 'basic',
        account: 'alice',
        scopes: ['repository:portside/cart:pull'],
      },
    ]);
    // Only the first request went without a token: after it the client knew where to get one.
    expect(registry.requests.map((r) => r.authorization)).toEqual([
      'none',
      'Bearer',
      'Bearer',
      'Bearer',
    ]);
  });

  it('fetches a new token once the one it holds has expired', async () => {
    const tokens = await tokenService({ expiresIn: 1 });
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    const client = new RegistryClient(plain(registry.host), basic('alice', 's3cret'));
    await client.manifestDigest('portside/catalog', 'v1');
    await client.manifestDigest('portside/catalog', 'v1');
    expect(tokens.requests).toHaveLength(2);
  });

  it('exchanges an identity token with an OAuth2 refresh_token POST', async () => {
    const tokens = await tokenService();
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    expect(await catalogDigest(registry.host, identityToken('rt-alice'))).toBe(DIGEST);
    expect(tokens.requests).toEqual([
      {
        method: 'POST',
        grant: 'refresh_token',
        account: 'alice',
        scopes: ['repository:portside/catalog:pull'],
      },
    ]);
  });

  it('asks anonymously without credentials, which is enough where pulls are public', async () => {
    const tokens = await tokenService({ anonymousPull: true });
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    expect(await catalogDigest(registry.host)).toBe(DIGEST);
    expect(tokens.requests).toEqual([
      {
        method: 'GET',
        grant: 'anonymous',
        account: undefined,
        scopes: ['repository:portside/catalog:pull'],
      },
    ]);
  });

  it('an anonymous token that grants nothing: says credentials are wanted', async () => {
    const tokens = await tokenService();
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    expect((await failure(catalogDigest(registry.host)))?.message).toBe(
      `registry ${registry.host} wants credentials and none were found`,
    );
  });

  it('the token service refusing the credentials: names it and the registry', async () => {
    const tokens = await tokenService();
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    const error = await failure(catalogDigest(registry.host, basic('alice', 'wrong')));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error?.message).toBe(
      `the token service ${tokens.realm} of registry ${registry.host} refused the credentials from ${FROM_ENV}`,
    );
    const refused = await failure(catalogDigest(registry.host, identityToken('rt-unknown')));
    expect(refused?.message).toBe(
      `the token service ${tokens.realm} of registry ${registry.host} refused the credentials from PORTSIDE_REGISTRY_TOKEN`,
    );
  });

  it('a token that grants too little: says the registry refused access to the repository', async () => {
    const tokens = await tokenService({ withoutAccess: ['alice'] });
    const registry = await standIn({ bearer: { tokens, service: 'stand-in' } });
    expect((await failure(catalogDigest(registry.host, basic('alice', 's3cret'))))?.message).toBe(
      `registry ${registry.host} refused access to portside/catalog with the credentials from ${FROM_ENV}`,
    );
  });

  it('a token service that does not answer, or a realm that is not a URL', async () => {
    const tokens = await tokenService();
    const silent = `http://127.0.0.1:${await freePort()}/token`;
    const registry = await standIn({ bearer: { tokens, service: 'stand-in', realm: silent } });
    const error = await failure(catalogDigest(registry.host, basic('alice', 's3cret')));
    expect(error?.message).toBe(
      `the token service ${silent} of registry ${registry.host} is not reachable: connection refused`,
    );
    const odd = await standIn({ challenge: 'Bearer realm="ftp://tokens.example/",service="x"' });
    expect((await failure(catalogDigest(odd.host)))?.message).toBe(
      `registry ${odd.host} names a token service that is not an http(s) URL: "ftp://tokens.example/"`,
    );
  });

  it('never sends credentials to a token service over plain HTTP off this machine', async () => {
    const registry = await standIn({
      challenge: 'Bearer realm="http://tokens.example/token",service="x"',
    });
    const error = await failure(catalogDigest(registry.host, basic('alice', 's3cret')));
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error?.message).toBe(
      `registry ${registry.host} names a token service over plain HTTP (http://tokens.example/token); the credentials from ${FROM_ENV} were not sent`,
    );
  });

  it('a scheme it does not speak', async () => {
    const registry = await standIn({ challenge: 'Negotiate' });
    expect((await failure(catalogDigest(registry.host)))?.message).toBe(
      `registry ${registry.host} asks for "negotiate" authentication, which portside does not speak`,
    );
  });
});

describe('transport', () => {
  it('probe: a registry answers with 401 as well as 200; a closed port is "refused"', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    expect(await new RegistryClient(plain(registry.host)).probe()).toEqual({ answers: true });
    const closed = `127.0.0.1:${await freePort()}`;
    expect(await new RegistryClient(plain(closed)).probe()).toEqual({
      answers: false,
      failure: { kind: 'refused', reason: 'connection refused' },
    });
  });

  it('HTTPS to a registry that serves plain HTTP: says how to mark it insecure', async () => {
    const registry = await standIn({ basic: { alice: 's3cret' } });
    const client = new RegistryClient({
      host: registry.host,
      baseUrl: `https://${registry.host}`,
      secure: true,
    });
    const error = await failure(client.probe());
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error?.message).toBe(
      `registry ${registry.host} at https://${registry.host} answers plain HTTP where HTTPS was expected`,
    );
    expect(error?.hint).toBe(
      `if it is meant to, add ${registry.host} to PORTSIDE_INSECURE_REGISTRIES and to the Docker daemon's insecure-registries`,
    );
  });

  it('a certificate that does not verify: names the failure and where a private CA goes', async () => {
    const registry = await standIn(
      { basic: { alice: 's3cret' } },
      selfSignedCertificate('untrusted registry'),
    );
    const client = new RegistryClient(
      { host: registry.host, baseUrl: `https://${registry.host}`, secure: true },
      basic('alice', 's3cret'),
    );
    const error = await failure(client.manifestDigest('portside/catalog', 'v1'));
    expect(error?.message).toMatch(
      new RegExp(
        `^registry ${registry.host} at https://${registry.host} failed TLS verification: DEPTH_ZERO_SELF_SIGNED_CERT`,
      ),
    );
    expect(error?.hint).toBe(
      `if it uses a private CA, set NODE_EXTRA_CA_CERTS to that CA's certificate, the one the Docker daemon reads from /etc/docker/certs.d/${registry.host}/ca.crt`,
    );
  });
});

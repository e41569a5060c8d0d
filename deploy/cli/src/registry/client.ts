import { EnvironmentError } from '../core/errors';
import { parseChallenges, preferredChallenge, type Challenge } from './challenge';
import type { FoundCredential } from './credential';
import type { RegistryEndpoint } from './host';
import { describeNetworkFailure, type NetworkFailure } from './network-failure';
import { accessError, transportError } from './registry-errors';
import { basicAuthorization, fetchToken, type IssuedToken } from './token-service';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Whether something answering as a registry listens; `failure` says why not. */
export type Probe = { answers: true } | { answers: false; failure: NetworkFailure };

/** Tokens are renewed a little before they expire, so none lapses in flight. */
const EXPIRY_MARGIN_MS = 5000;

/**
 * Talks to a registry's HTTP API (v2) the way the docker CLI does: HTTPS unless the endpoint says
 * otherwise, answering 401 challenges with Basic credentials or a bearer token from the registry's
 * token service (cached per scope for as long as it lives).
 */
export class RegistryClient {
  /** How the registry asked to be answered last time, so later requests authenticate up front. */
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    readonly endpoint: RegistryEndpoint,
    private readonly found?: FoundCredential,
    private readonly timeoutMs = 10_000,
  ) {}

  get host(): string {
    return this.endpoint.host;
  }

  /** GET /v2/ without credentials: 200 or 401 means a registry is there. TLS trouble is thrown: starting a registry would not fix it. */
  async probe(timeoutMs = 2000): Promise<Probe> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint.baseUrl}/v2/`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const failure = describeNetworkFailure(error);
      if (failure.kind === 'tls' || failure.kind === 'plain-http')
        throw transportError(this.endpoint, failure);
      return { answers: false, failure };
    }
    await response.body?.cancel();
    if (response.status === 200 || response.status === 401) return { answers: true };
    return {
      answers: false,
      failure: {
        kind: 'unreachable',
        reason: `it answered ${response.status} on /v2/, which no registry does`,
      },
    };
  }

  /** The digest the registry holds for repository:tag, or undefined. */
  async manifestDigest(repository: string, tag: string): Promise<string | undefined> {
    const response = await this.request(
      'HEAD',
      `/v2/${repository}/manifests/${tag}`,
      `repository:${repository}:pull`,
      { accept: MANIFEST_TYPES },
    );
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new EnvironmentError(
        `registry ${this.host} answered ${response.status} for ${repository}:${tag}`,
        'see the registry logs',
      );
    return response.headers.get('docker-content-digest') ?? undefined;
  }

  /** One request, answering a 401 challenge once; a second 401 means the credentials do not do. */
  private async request(
    method: string,
    pathname: string,
    scope: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    const upFront = this.challenge
      ? await this.authorization(this.challenge, scope, false)
      : undefined;
    const first = await this.send(method, pathname, { ...headers, ...upFront });
    if (first.status !== 401) return this.refuseForbidden(first, scope);
    await first.body?.cancel();
    const challenge = preferredChallenge(parseChallenges(first.headers.get('www-authenticate')));
    if (!challenge)
      throw new EnvironmentError(
        `registry ${this.host} answered 401 without saying how to authenticate`,
        'ask its operator',
      );
    this.challenge = challenge;
    const second = await this.send(method, pathname, {
      ...headers,
      ...(await this.authorization(challenge, scope, true)),
    });
    if (second.status === 401) {
      await second.body?.cancel();
      // Basic: the user or password is wrong. Bearer: the token was issued but grants too little.
      throw accessError(
        this.host,
        this.found,
        challenge.scheme === 'basic' ? 'refused' : `refused access to ${scopeTarget(scope)} with`,
      );
    }
    return this.refuseForbidden(second, scope);
  }

  private async refuseForbidden(response: Response, scope: string): Promise<Response> {
    if (response.status !== 403) return response;
    await response.body?.cancel();
    throw accessError(this.host, this.found, `denies ${scopeTarget(scope)} to`);
  }

  private async send(
    method: string,
    pathname: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    try {
      return await fetch(`${this.endpoint.baseUrl}${pathname}`, {
        method,
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw transportError(this.endpoint, describeNetworkFailure(error));
    }
  }

  /** The Authorization header that answers a challenge; `fresh` skips the token cache (the cached one was just refused). */
  private async authorization(
    challenge: Challenge,
    scope: string,
    fresh: boolean,
  ): Promise<Record<string, string>> {
    const credential = this.found?.credential;
    if (challenge.scheme === 'basic') {
      if (!credential) throw accessError(this.host, undefined, '');
      if (credential.kind !== 'basic') {
        throw new EnvironmentError(
          `registry ${this.host} asks for a user and password, but the credential from ${this.found?.source} is an identity token`,
          `set PORTSIDE_REGISTRY_USER and PORTSIDE_REGISTRY_PASSWORD, or run docker login ${this.host}`,
        );
      }
      return { authorization: basicAuthorization(credential.username, credential.password) };
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
      throw new EnvironmentError(
        `registry ${this.host} asks for "${challenge.scheme}" authentication, which portside does not speak`,
        'use a registry that offers Basic or Bearer (token) authentication',
      );
    }
    // The challenge names the scope it wants on 401; up front we ask for the one this request needs.
    const scopes = (fresh && challenge.params.scope ? challenge.params.scope : scope)
      .split(' ')
      .filter(Boolean);
    const key = `${challenge.params.realm} ${challenge.params.service ?? ''} ${scope}`;
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now())
      return { authorization: `Bearer ${cached.token}` };
    const issued = await fetchToken({
      endpoint: this.endpoint,
      realm: challenge.params.realm,
      service: challenge.params.service,
      scopes,
      found: this.found,
      timeoutMs: this.timeoutMs,
    });
    this.tokens.set(key, issued);
    return { authorization: `Bearer ${issued.token}` };
  }
}

/** "repository:portside/catalog:pull" -> "portside/catalog". */
const scopeTarget = (scope: string) => scope.split(':')[1] ?? scope;

import { EnvironmentError } from '../core/errors';
import type { FoundCredential } from './credential';
import { mayCarryCredentials, type RegistryEndpoint } from './host';
import { describeNetworkFailure } from './network-failure';
import { accessError, transportError } from './registry-errors';

export interface TokenRequest {
  endpoint: RegistryEndpoint;
  /** From the registry's Bearer challenge. */
  realm: string;
  service?: string;
  scopes: string[];
  found?: FoundCredential;
  timeoutMs: number;
}

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The spec's default lifetime when the token service does not say. */
const DEFAULT_EXPIRES_IN_SECONDS = 60;

/**
 * Gets a bearer token from a registry's token service, as the distribution spec describes: an
 * identity token is exchanged by an OAuth2 refresh_token POST; a user and password go as Basic on a
 * GET; without a credential the GET is anonymous (public images).
 */
export async function fetchToken(request: TokenRequest): Promise<IssuedToken> {
  const { endpoint, realm, service, scopes, found } = request;
  let url: URL;
  try {
    url = new URL(realm);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
  } catch {
    throw new EnvironmentError(
      `registry ${endpoint.host} names a token service that is not an http(s) URL: "${realm}"`,
      'ask its operator to fix the realm it sends',
    );
  }
  // A registry's challenge names the realm: a plain-HTTP realm elsewhere would get the secret in clear.
  if (found && !mayCarryCredentials(url, endpoint.insecure)) {
    throw new EnvironmentError(
      `registry ${endpoint.host} names a token service over plain HTTP (${url.origin}${url.pathname}); the credentials from ${found.source} were not sent`,
      'credentials go over plain HTTP only to loopback or to a host listed in PORTSIDE_INSECURE_REGISTRIES',
    );
  }
  const init = tokenRequestInit(url, service, scopes, found);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    throw transportError(endpoint, describeNetworkFailure(error), `${url.origin}${url.pathname}`);
  }
  const body = await response.text();
  if (
    response.status === 401 ||
    response.status === 403 ||
    (response.status === 400 && init.method === 'POST')
  ) {
    throw accessError(
      endpoint.host,
      found,
      'refused',
      `the token service ${url.origin}${url.pathname} of registry ${endpoint.host}`,
    );
  }
  if (!response.ok) {
    throw new EnvironmentError(
      `the token service ${url.origin}${url.pathname} of registry ${endpoint.host} answered ${response.status}`,
      'try again later, or ask its operator',
    );
  }
  let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    answer = {};
  }
  const token =
    typeof answer.token === 'string' && answer.token ? answer.token : answer.access_token;
  if (typeof token !== 'string' || !token) {
    throw new EnvironmentError(
      `the token service ${url.origin}${url.pathname} of registry ${endpoint.host} answered without a token`,
      'ask its operator',
    );
  }
  const expiresIn =
    typeof answer.expires_in === 'number' && answer.expires_in > 0
      ? answer.expires_in
      : DEFAULT_EXPIRES_IN_SECONDS;
  return { token, expiresAt: Date.now() + expiresIn * 1000 };
}

function tokenRequestInit(
  url: URL,
  service: string | undefined,
  scopes: string[],
  found: FoundCredential | undefined,
): RequestInit {
  const credential = found?.credential;
  if (credential?.kind === 'identity-token') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credential.token,
      client_id: 'portside',
    });
    if (service) form.set('service', service);
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    return {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    };
  }
  if (service) url.searchParams.set('service', service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  if (credential?.kind !== 'basic') return { method: 'GET' };
  url.searchParams.set('account', credential.username);
  return {
    method: 'GET',
    headers: { authorization: basicAuthorization(credential.username, credential.password) },
  };
}

export const basicAuthorization = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

import { EnvironmentError } from '../core/errors';
import type { FoundCredential } from './credential';
import type { RegistryEndpoint } from './host';
import type { NetworkFailure } from './network-failure';

const loginHint = (host: string) =>
  `set PORTSIDE_REGISTRY_USER and PORTSIDE_REGISTRY_PASSWORD, or run docker login ${host}`;

/**
 * A request that never got an answer: unreachable, plain HTTP where TLS was expected, or a certificate
 * that does not verify. `tokenService` names the registry's token service when that is what failed.
 */
export function transportError(
  endpoint: RegistryEndpoint,
  failure: NetworkFailure,
  tokenService?: string,
): EnvironmentError {
  const { host } = endpoint;
  const what = tokenService
    ? `the token service ${tokenService} of registry ${host}`
    : `registry ${host} at ${endpoint.baseUrl}`;
  if (failure.kind === 'plain-http') {
    const hint = tokenService
      ? "its realm is the registry's to fix: ask its operator"
      : `if it is meant to, add ${host} to PORTSIDE_INSECURE_REGISTRIES and to the Docker daemon's insecure-registries`;
    return new EnvironmentError(`${what} answers plain HTTP where HTTPS was expected`, hint);
  }
  if (failure.kind === 'tls') {
    const daemonCa = tokenService
      ? ''
      : `, the one the Docker daemon reads from /etc/docker/certs.d/${host}/ca.crt`;
    return new EnvironmentError(
      `${what} failed TLS verification: ${failure.reason}`,
      `if it uses a private CA, set NODE_EXTRA_CA_CERTS to that CA's certificate${daemonCa}`,
    );
  }
  return new EnvironmentError(
    `${what} is not reachable: ${failure.reason}`,
    'check the name, the port and the network',
  );
}

/**
 * The registry (or its token service, named by `by`) said no to the credentials we sent, or wants
 * some and we have none. `refused` is the verb phrase: "refused", "denies portside/catalog to".
 */
export function accessError(
  host: string,
  found: FoundCredential | undefined,
  refused: string,
  by = `registry ${host}`,
): EnvironmentError {
  if (!found)
    return new EnvironmentError(
      `registry ${host} wants credentials and none were found`,
      loginHint(host),
    );
  const check = found.source.startsWith('PORTSIDE_')
    ? `check ${found.source}`
    : `check them, or run docker login ${host} again`;
  return new EnvironmentError(`${by} ${refused} the credentials from ${found.source}`, check);
}

import type { RegistryAuth } from '../docker/engine';
import type { FoundCredential } from './credential';
import { credentialKey } from './host';

/** The same credential, in the form the Docker Engine wants for a push; undefined pushes anonymously. */
export function engineAuth(
  host: string,
  found: FoundCredential | undefined,
): RegistryAuth | undefined {
  if (!found) return undefined;
  const serveraddress = credentialKey(host);
  const { credential } = found;
  if (credential.kind === 'basic')
    return { username: credential.username, password: credential.password, serveraddress };
  return {
    username: credential.username ?? '',
    password: '',
    identitytoken: credential.token,
    serveraddress,
  };
}

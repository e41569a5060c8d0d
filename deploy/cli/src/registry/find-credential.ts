import { UsageError } from '../core/errors';
import type { Credential, FoundCredential } from './credential';
import { credentialFromHelper } from './credential-helper';
import { entryFor, readDockerConfig, type AuthEntry } from './docker-config';
import { credentialKey } from './host';

/**
 * The credential for a registry, looked up in docker's order: the environment first
 * (PORTSIDE_REGISTRY_USER/PASSWORD or PORTSIDE_REGISTRY_TOKEN), then config.json's
 * credHelpers entry for the registry, then its credsStore, then its auths entry.
 * A helper that holds nothing for the registry passes on to the next; one that fails stops the push.
 */
export async function findCredential(
  host: string,
  env: NodeJS.ProcessEnv,
): Promise<FoundCredential | undefined> {
  const fromEnv = credentialFromEnv(env);
  if (fromEnv) return fromEnv;
  const loaded = readDockerConfig(env);
  if (!loaded) return undefined;
  const { file, config } = loaded;
  const key = credentialKey(host);

  const helper = entryFor(config.credHelpers, key);
  const helpers = [
    ...(helper ? [{ name: helper, configuredBy: `credHelpers["${key}"] in ${file}` }] : []),
    ...(config.credsStore
      ? [{ name: config.credsStore, configuredBy: `credsStore in ${file}` }]
      : []),
  ];
  for (const { name, configuredBy } of helpers) {
    const credential = await credentialFromHelper(
      { name, configuredBy, configFile: file },
      key,
      env,
    );
    if (credential) return { credential, source: `docker-credential-${name} (${configuredBy})` };
  }
  const entry = entryFor(config.auths, key);
  const credential = entry && credentialFromAuthEntry(entry, `auths["${key}"] in ${file}`);
  return credential ? { credential, source: `auths["${key}"] in ${file}` } : undefined;
}

function credentialFromEnv(env: NodeJS.ProcessEnv): FoundCredential | undefined {
  const {
    PORTSIDE_REGISTRY_USER: username,
    PORTSIDE_REGISTRY_PASSWORD: password,
    PORTSIDE_REGISTRY_TOKEN: token,
  } = env;
  if (token && password) {
    throw new UsageError(
      'both PORTSIDE_REGISTRY_PASSWORD and PORTSIDE_REGISTRY_TOKEN are set',
      'set the password for a user, or the identity token, not both',
    );
  }
  if (token)
    return {
      credential: { kind: 'identity-token', token, username: username || undefined },
      source: 'PORTSIDE_REGISTRY_TOKEN',
    };
  if (username && password)
    return {
      credential: { kind: 'basic', username, password },
      source: 'PORTSIDE_REGISTRY_USER/PORTSIDE_REGISTRY_PASSWORD',
    };
  if (username || password) {
    const missing = username ? 'PORTSIDE_REGISTRY_PASSWORD' : 'PORTSIDE_REGISTRY_USER';
    throw new UsageError(
      `${missing} is not set, but ${username ? 'PORTSIDE_REGISTRY_USER' : 'PORTSIDE_REGISTRY_PASSWORD'} is`,
      'set both, or neither to use the Docker config',
    );
  }
  return undefined;
}

/** An auths entry as docker login writes it: an identity token, or `auth` (base64 "user:password"), or the two fields. */
function credentialFromAuthEntry(entry: AuthEntry, where: string): Credential | undefined {
  if (entry.identitytoken)
    return {
      kind: 'identity-token',
      token: entry.identitytoken,
      username: entry.username || undefined,
    };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new UsageError(
        `${where} has an auth value that is not base64 of "user:password"`,
        'run docker login again, or fix the entry',
      );
    return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password)
    return { kind: 'basic', username: entry.username, password: entry.password };
  return undefined;
}

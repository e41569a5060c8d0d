import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegistryAuth } from './engine';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** Talks to a registry's HTTP API (v2) over plain HTTP: Docker trusts 127.0.0.0/8 registries without TLS. */
export class RegistryClient {
  constructor(
    readonly host: string,
    private readonly auth?: RegistryAuth,
  ) {}

  private url(pathname: string): string {
    // Node may resolve "localhost" to ::1 first, where a registry published on 127.0.0.1 is absent.
    return `http://${this.host.replace(/^localhost(?=:|$)/, '127.0.0.1')}${pathname}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const basic: Record<string, string> = this.auth ? { authorization: `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString('base64')}` } : {};
    return { ...basic, ...extra };
  }

  /** True when something answering as a registry listens (401 counts: it is there, it wants credentials). */
  async answers(timeoutMs = 2000): Promise<boolean> {
    try {
      const response = await fetch(this.url('/v2/'), { headers: this.headers(), signal: AbortSignal.timeout(timeoutMs) });
      return response.status === 200 || response.status === 401;
    } catch {
      return false;
    }
  }

  /** The digest the registry holds for repository:tag, or undefined. */
  async manifestDigest(repository: string, tag: string): Promise<string | undefined> {
    const response = await fetch(this.url(`/v2/${repository}/manifests/${tag}`), {
      method: 'HEAD',
      headers: this.headers({ accept: MANIFEST_TYPES }),
      signal: AbortSignal.timeout(5000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`registry ${this.host} answered ${response.status} for ${repository}:${tag}`);
    return response.headers.get('docker-content-digest') ?? undefined;
  }
}

/**
 * Credentials for a registry: PORTSIDE_REGISTRY_USER/PASSWORD, else the `auths` entry of
 * ~/.docker/config.json (what `docker login` writes), else none.
 */
export function registryAuth(host: string, env: NodeJS.ProcessEnv): RegistryAuth | undefined {
  if (env.PORTSIDE_REGISTRY_USER && env.PORTSIDE_REGISTRY_PASSWORD) {
    return { username: env.PORTSIDE_REGISTRY_USER, password: env.PORTSIDE_REGISTRY_PASSWORD, serveraddress: host };
  }
  const configDir = env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
  try {
    const config = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { auths?: Record<string, { auth?: string }> };
    const entry = config.auths?.[host] ?? config.auths?.[`http://${host}`];
    if (!entry?.auth) return undefined;
    const [username, ...rest] = Buffer.from(entry.auth, 'base64').toString().split(':');
    return { username: username ?? '', password: rest.join(':'), serveraddress: host };
  } catch {
    return undefined;
  }
}

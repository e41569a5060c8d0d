import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { freePort } from '@portside/testkit';
import { CI_IMAGES } from './run-cli';

/** A real registry (registry:2, CNCF distribution) in a container published on 127.0.0.1 only. */
export interface RegistryContainer {
  name: string;
  /** host:port, as images and --registry name it. */
  host: string;
  baseUrl: string;
  /** Removes the container and every local tag of images pushed to it. */
  remove(): void;
}

const docker = (...args: string[]) =>
  execFileSync('docker', args, { stdio: 'pipe' }).toString().trim();
const V2_MANIFESTS =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

/** A registry that asks for Basic credentials, checked against an htpasswd file of bcrypt entries. */
export function startHtpasswdRegistry(users: Record<string, string>): Promise<RegistryContainer> {
  const htpasswd = Object.entries(users)
    .map(([user, password]) => `${user}:${bcrypt.hashSync(password, 8)}`)
    .join('\n');
  return startRegistry(
    {
      REGISTRY_AUTH: 'htpasswd',
      REGISTRY_AUTH_HTPASSWD_REALM: 'portside-test',
      REGISTRY_AUTH_HTPASSWD_PATH: '/etc/distribution/htpasswd',
    },
    { htpasswd },
  );
}

/** A registry that sends Bearer challenges to `realm` and trusts the tokens signed by `certPem`. */
export function startTokenRegistry(options: {
  realm: string;
  service: string;
  issuer: string;
  certPem: string;
}): Promise<RegistryContainer> {
  return startRegistry(
    {
      REGISTRY_AUTH: 'token',
      REGISTRY_AUTH_TOKEN_REALM: options.realm,
      REGISTRY_AUTH_TOKEN_SERVICE: options.service,
      REGISTRY_AUTH_TOKEN_ISSUER: options.issuer,
      REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE: '/etc/distribution/token-signer.crt',
    },
    { 'token-signer.crt': options.certPem },
  );
}

/** Creates the container, copies files into /etc/distribution (no bind mount: the daemon may see another file system), starts it. */
async function startRegistry(
  env: Record<string, string>,
  files: Record<string, string>,
): Promise<RegistryContainer> {
  const port = await freePort();
  const name = `portside-test-registry-${process.pid}-${port}`;
  const host = `127.0.0.1:${port}`;
  const envArgs = Object.entries({ ...env, REGISTRY_STORAGE_DELETE_ENABLED: 'true' }).flatMap(
    ([key, value]) => ['-e', `${key}=${value}`],
  );
  docker(
    'create',
    '--name',
    name,
    '--label',
    'dev.portside.role=test-registry',
    '-p',
    `${host}:5000`,
    ...envArgs,
    CI_IMAGES.REGISTRY_IMAGE,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-registry-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(path.join(dir, file), content);
      docker('cp', path.join(dir, file), `${name}:/etc/distribution/${file}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  docker('start', name);
  const baseUrl = `http://${host}`;
  await waitForRegistry(baseUrl, name);
  return {
    name,
    host,
    baseUrl,
    remove() {
      const tags = docker(
        'images',
        '--format',
        '{{.Repository}}:{{.Tag}}',
        '--filter',
        `reference=${host}/*/*`,
      )
        .split('\n')
        .filter(Boolean);
      if (tags.length > 0) docker('rmi', ...tags);
      docker('rm', '-fv', name);
    },
  };
}

async function waitForRegistry(baseUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/v2/`);
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer on ${baseUrl}: ${docker('logs', '--tail', '20', name)}`);
}

/** The digest the registry holds for repository:tag (null when none), read with the test's own credentials. */
export async function heldDigest(
  registry: RegistryContainer,
  repository: string,
  tag: string,
  authorization: string,
): Promise<string | null> {
  const response = await fetch(`${registry.baseUrl}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: V2_MANIFESTS, authorization },
  });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

/** Deletes repository:tag from the registry, so that the next push has to send it again. */
export async function deleteTag(
  registry: RegistryContainer,
  repository: string,
  tag: string,
  authorization: string,
): Promise<void> {
  const digest = await heldDigest(registry, repository, tag, authorization);
  if (!digest) throw new Error(`${registry.host} holds no ${repository}:${tag}`);
  const response = await fetch(`${registry.baseUrl}/v2/${repository}/manifests/${digest}`, {
    method: 'DELETE',
    headers: { authorization },
  });
  if (response.status !== 202)
    throw new Error(
      `deleting ${repository}@${digest} from ${registry.host} answered ${response.status}`,
    );
}

/** Removes one local tag (an image that still has other tags stays). */
export function removeImageTag(reference: string): void {
  try {
    docker('rmi', reference);
  } catch {
    // already gone
  }
}

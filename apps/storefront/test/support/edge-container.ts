import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

const docker = async (...args: string[]) =>
  (await promisify(execFile)('docker', args, { timeout: 60_000 })).stdout.trim();

export interface EdgeContainer {
  /** The public server (:8080): the SPA and /api. */
  publicUrl: string;
  /** The ingress controller's error backend (:8081). */
  errorsUrl: string;
  stop(): Promise<void>;
}

/**
 * The storefront image's nginx and entrypoint, as its Dockerfile installs and
 * Kubernetes runs them (uid 10001, read-only root, writable /tmp), from this
 * folder's config on the NGINX_IMAGE base: no SPA build is needed to test the edge.
 */
export async function startEdgeContainer(): Promise<EdgeContainer> {
  const name = `portside-storefront-edge-${randomBytes(4).toString('hex')}`;
  const config = join(__dirname, '..', '..', 'nginx');
  const hardened =
    '--user 10001:10001 --read-only --tmpfs /tmp --tmpfs /var/cache/nginx --tmpfs /var/run';
  const ports = '-p 127.0.0.1::8080 -p 127.0.0.1::8081';
  const command = 'nginx -e stderr -c /tmp/nginx/nginx.conf -g';
  await docker(
    ...`run -d --name ${name} ${hardened} ${ports} --entrypoint /bin/sh`.split(' '),
    ...['-v', `${config}:/etc/nginx/portside:ro`, process.env.NGINX_IMAGE ?? 'nginx:1.29-alpine'],
    ...['/etc/nginx/portside/entrypoint.sh', ...command.split(' '), 'daemon off;'],
  );
  const stop = async () => void (await docker('rm', '-f', '-v', name));
  try {
    const urlOf = async (port: number) => `http://${await docker('port', name, `${port}/tcp`)}`;
    const edge = { publicUrl: await urlOf(8080), errorsUrl: await urlOf(8081), stop };
    await untilReady(`${edge.publicUrl}/healthz`, () => docker('logs', name));
    return edge;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function untilReady(url: string, logs: () => Promise<string>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not answer ${url}:\n${await logs()}`);
}

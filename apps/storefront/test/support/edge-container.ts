import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

const docker = async (...args: string[]) =>
  (await promisify(execFile)('docker', args, { timeout: 90_000 })).stdout.trim();

/**
 * The storefront image's nginx and entrypoint, as its Dockerfile installs and
 * Kubernetes runs them (uid 10001, read-only root, writable /tmp), from this
 * folder's config on the NGINX_IMAGE base: no SPA build is needed to test the edge.
 * Its name is known before it starts, so `stop` removes it even when `start`
 * failed or is still running.
 */
export class EdgeContainer {
  readonly name = `portside-storefront-edge-${randomBytes(4).toString('hex')}`;
  /** The public server (:8080): the SPA and /api. */
  publicUrl = '';
  /** The ingress controller's error backend (:8081). */
  errorsUrl = '';
  private stopped = false;

  async start(): Promise<void> {
    const config = join(__dirname, '..', '..', 'nginx');
    const hardened =
      '--user 10001:10001 --read-only --tmpfs /tmp --tmpfs /var/cache/nginx --tmpfs /var/run';
    const ports = '-p 127.0.0.1::8080 -p 127.0.0.1::8081';
    const command = 'nginx -e stderr -c /tmp/nginx/nginx.conf -g';
    await docker(
      ...`run -d --name ${this.name} ${hardened} ${ports} --entrypoint /bin/sh`.split(' '),
      ...['-v', `${config}:/etc/nginx/portside:ro`, process.env.NGINX_IMAGE ?? 'nginx:1.29-alpine'],
      ...['/etc/nginx/portside/entrypoint.sh', ...command.split(' '), 'daemon off;'],
    );
    if (this.stopped) return this.remove();
    const urlOf = async (port: number) =>
      `http://${await docker('port', this.name, `${port}/tcp`)}`;
    this.publicUrl = await urlOf(8080);
    this.errorsUrl = await urlOf(8081);
    await this.untilReady();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.remove();
  }

  private async remove(): Promise<void> {
    await docker('rm', '-f', '-v', this.name).catch(() => undefined);
  }

  private async untilReady(): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      // Bounded: a connection made before nginx listens can hang, not fail.
      const ok = await fetch(`${this.publicUrl}/healthz`, {
        signal: AbortSignal.timeout(1000),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const logs = await promisify(execFile)('docker', ['logs', this.name]);
    throw new Error(`nginx did not answer /healthz:\n${logs.stdout}${logs.stderr}`);
  }
}

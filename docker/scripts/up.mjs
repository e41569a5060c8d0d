#!/usr/bin/env node
// `npm start`: builds the images, starts the stack, waits until every service
// is healthy and prints the URL. `--dev` (or PORTSIDE_DEV=1) adds
// compose.dev.yaml; `--observability` adds compose.observability.yaml. Base images and other settings come from the environment
// (NODE_IMAGE, NGINX_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE, PORTSIDE_HTTP_PORT...).
import { spawnSync } from 'node:child_process';
import { compose, composeFile, devComposeFile, observabilityComposeFile } from './compose.mjs';

const HEALTHY_WITHIN_MS = 240_000;
const dev = process.argv.includes('--dev') || process.env.PORTSIDE_DEV === '1';
const observability = process.argv.includes('--observability');
const files = [
  composeFile,
  ...(dev ? [devComposeFile] : []),
  ...(observability ? [observabilityComposeFile] : []),
];

await compose(files, ['up', '-d', '--build', '--remove-orphans']);

const ids = (await compose(files, ['ps', '-q'], { capture: true })).split('\n').filter(Boolean);
const deadline = Date.now() + HEALTHY_WITHIN_MS;
process.stdout.write('waiting for the services to be healthy');
for (;;) {
  const inspected = spawnSync('docker', ['inspect', ...ids], { encoding: 'utf8' });
  const containers = JSON.parse(inspected.stdout || '[]');
  const failed = containers.filter((c) => c.State.Status === 'exited' && c.State.ExitCode !== 0);
  if (failed.length > 0) {
    const names = failed.map((c) => c.Name.replace(/^\//, '')).join(', ');
    process.stderr.write(`\nexited with an error: ${names} (see docker logs <name>)\n`);
    process.exit(1);
  }
  // One-shot containers (migrations) have no healthcheck: exited 0 is done.
  const pending = containers.filter((c) => c.State.Health && c.State.Health.Status !== 'healthy');
  if (pending.length === 0) break;
  if (Date.now() > deadline) {
    const names = pending.map((c) => c.Name.replace(/^\//, '')).join(', ');
    process.stderr.write(`\nnot healthy after ${HEALTHY_WITHIN_MS / 1000} s: ${names}\n`);
    process.stderr.write('see their logs: docker compose -f docker/compose.yaml logs <service>\n');
    process.exit(1);
  }
  process.stdout.write('.');
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

const port = process.env.PORTSIDE_HTTP_PORT || '8080';
process.stdout.write(`\n\nPortside is up: http://127.0.0.1:${port}\n`);
if (dev) process.stdout.write('services: catalog :3001, cart :3002, order :3003 (127.0.0.1)\n');
if (observability) {
  process.stdout.write(
    'Prometheus http://127.0.0.1:9090, Grafana http://127.0.0.1:3000, Jaeger http://127.0.0.1:16686\n',
  );
}
process.stdout.write('stop it with: npm stop\n');

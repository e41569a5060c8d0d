#!/usr/bin/env node
// `npm run dev`: the three services and the storefront's dev server on this
// machine, against the PostgreSQL and Redis named by the environment.
// Each service migrates (and catalog seeds) an empty database before it starts.
import { spawn, spawnSync } from 'node:child_process';

const postgres = (process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Development value only: what the order service presents to the catalog's /internal routes.
const internalToken = process.env.INTERNAL_TOKEN ?? 'dev-internal-token-change-me';
const common = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };

const services = [
  {
    name: 'catalog',
    env: {
      PORT: '3001',
      DATABASE_URL: `${postgres}/catalog`,
      REDIS_URL: redis,
      // Development value only: production takes it from a secret.
      ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? 'dev-admin-token-change-me',
      INTERNAL_TOKEN: internalToken,
    },
  },
  { name: 'cart', env: { PORT: '3002', REDIS_URL: redis, CATALOG_URL: 'http://127.0.0.1:3001' } },
  {
    name: 'order',
    env: {
      PORT: '3003',
      DATABASE_URL: `${postgres}/orders`,
      CATALOG_URL: 'http://127.0.0.1:3001',
      CART_URL: 'http://127.0.0.1:3002',
      INTERNAL_TOKEN: internalToken,
    },
  },
  { name: 'storefront', env: {} },
];

const banner = 'Portside dev: storefront on http://127.0.0.1:5173 (Vite), API on :3001 :3002 :3003';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    [
      'Usage: npm run dev',
      '',
      'The services and the storefront on this machine:',
      ...services.map(
        (svc) => `  ${svc.name.padEnd(10)} ${svc.env.PORT ? `:${svc.env.PORT}` : ':5173 (Vite)'}`,
      ),
      '',
      'Environment: POSTGRES_URL, REDIS_URL (default the local ones), INTERNAL_TOKEN, ADMIN_TOKEN, LOG_LEVEL',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const colours = [36, 33, 35, 32];
const children = [];

// The Prisma clients are generated code: make sure they exist first.
const generated = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'prisma:generate', '--outputStyle=static'],
  {
    stdio: 'inherit',
  },
);
if (generated.status !== 0) process.exit(generated.status ?? 1);

services.forEach((svc, i) => {
  const child = spawn('npm', ['run', 'dev', '-w', `apps/${svc.name}`], {
    env: { ...process.env, ...common, ...svc.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping reaches npm's children (tsx, vite) too.
    detached: true,
  });
  const tag = `\x1b[${colours[i]}m${svc.name.padEnd(10)}\x1b[0m| `;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(tag + line + '\n');
    });
  }
  child.on('exit', (code) => {
    process.stdout.write(`${tag}exited with ${code}\n`);
    shutdown(code ?? 1);
  });
  children.push(child);
});

process.stdout.write(`\n${banner}\n\n`);

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

#!/usr/bin/env node
// Prints what each image adds over its base image, then how long an image
// rebuild takes after a one-line change to one service's source.
//
//   npm run measure -w docker              (base images: env, else official, else local/* stand-ins)
//
// The change is made in a temporary copy of the repository (the files git
// tracks or would track), never in the working tree.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './compose.mjs';

const APPS = ['catalog', 'cart', 'order', 'storefront'];
const CHANGED_APP = process.env.MEASURE_APP || 'catalog';
const STAND_INS = { NODE_IMAGE: 'local/node:24', NGINX_IMAGE: 'local/nginx:1' };

function docker(args, options = {}) {
  const result = spawnSync('docker', args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.status !== 0)
    throw new Error(`docker ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim();
}
const imageExists = (image) =>
  spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
const imageSize = (image) => Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]));
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Same choice as the container tests: env, else the official default if present, else the stand-in. */
function baseImage(variable) {
  if (process.env[variable]) return process.env[variable];
  const compose = readFileSync(path.join(root, 'docker', 'compose.yaml'), 'utf8');
  const official = new RegExp(`\\$\\{${variable}:-([^}]+)\\}`).exec(compose)?.[1];
  if (official && imageExists(official)) return official;
  return imageExists(STAND_INS[variable]) ? STAND_INS[variable] : official;
}

function build(context, app, bases) {
  const args = [
    'build',
    '-q',
    '-f',
    path.join(context, 'apps', app, 'Dockerfile'),
    '-t',
    `portside/${app}:measure`,
  ];
  for (const [name, image] of Object.entries(bases)) args.push('--build-arg', `${name}=${image}`);
  const started = process.hrtime.bigint();
  docker([...args, context], {
    env: { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' },
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A copy of the files git knows (tracked, or untracked but not ignored). */
function copyOfRepository() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-measure-'));
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  }).stdout.split('\0');
  for (const file of files.filter(Boolean)) {
    const from = path.join(root, file);
    try {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      cpSync(from, path.join(dir, file));
    } catch {
      // deleted in the working tree but still tracked: nothing to copy
    }
  }
  return dir;
}

const bases = { NODE_IMAGE: baseImage('NODE_IMAGE'), NGINX_IMAGE: baseImage('NGINX_IMAGE') };
console.log(`base images: ${bases.NODE_IMAGE}, ${bases.NGINX_IMAGE}\n`);

const copy = copyOfRepository();
try {
  console.log('image        size     base     added    build');
  for (const app of APPS) {
    const seconds = build(copy, app, bases);
    const base = app === 'storefront' ? bases.NGINX_IMAGE : bases.NODE_IMAGE;
    const size = imageSize(`portside/${app}:measure`);
    const baseSize = imageSize(base);
    console.log(
      `${app.padEnd(12)} ${mb(size).padStart(8)} ${mb(baseSize).padStart(8)} ${mb(size - baseSize).padStart(8)}  ${seconds.toFixed(1)} s`,
    );
  }

  const source = path.join(copy, 'apps', CHANGED_APP, 'src', 'main.ts');
  appendFileSync(source, `\n// measure-images: a one-line change ${Date.now()}\n`);
  const seconds = build(copy, CHANGED_APP, bases);
  console.log(
    `\nrebuild of ${CHANGED_APP} after a one-line change to src/main.ts: ${seconds.toFixed(1)} s`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}

#!/usr/bin/env node
// Bundles one service into apps/<service>/dist for Node 24 (CommonJS).
//
// The workspace libraries are consumed as TypeScript source, and everything a
// service imports is bundled in: src/main.ts -> dist/main.js, and
// src/migrate.ts -> dist/migrate.js when the service has one. Files a
// dependency reads from disk at run time are copied beside the bundle (see
// RUNTIME_FILES). The packages OpenTelemetry instruments stay out of the
// bundle (see TRACED), copied with their dependencies into dist/node_modules.
//
// Usage: node scripts/bundle-service.mjs <service>     e.g. catalog
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Optional native or never-used modules that libraries require lazily; the
// bundle leaves them as plain require() calls that are never reached.
const OPTIONAL = ['pg-native'];

// Packages whose spans come from OpenTelemetry instrumentations that wrap them
// as they are require()d (libs/service-kit's telemetry): inlined, they would
// never be required and record nothing. Loaded from dist/node_modules instead.
const TRACED = ['pg', 'ioredis', 'express'];

// Files a bundled package reads from disk at run time, copied into dist/ when
// the bundle contains that package: [package, file inside it]. libs/db-migrate
// looks for the schema engine's .wasm beside the bundle first.
const RUNTIME_FILES = [['@prisma/schema-engine-wasm', 'schema_engine_bg.wasm']];

const service = process.argv[2];
if (!service || !/^[a-z][a-z0-9-]*$/.test(service)) {
  console.error('usage: node scripts/bundle-service.mjs <service>');
  process.exit(2);
}
const appDir = path.join(root, 'apps', service);
const outdir = path.join(appDir, 'dist');
const entryPoints = ['main', 'migrate']
  .map((name) => path.join(appDir, 'src', `${name}.ts`))
  .filter((file) => existsSync(file));
if (!entryPoints.some((file) => file.endsWith('main.ts'))) {
  console.error(`apps/${service}/src/main.ts not found`);
  process.exit(2);
}

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  external: [...OPTIONAL, ...TRACED],
  // Stack traces point at the TypeScript source with `node --enable-source-maps`;
  // the sources themselves stay out of the image.
  sourcemap: 'linked',
  sourcesContent: false,
  minify: true,
  keepNames: true,
  legalComments: 'linked',
  // Some ESM-first dependencies read import.meta.url; give them the bundle's own URL.
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
  metafile: true,
  logLevel: 'warning',
  // db-migrate's require.resolve() is its fallback for unbundled runs; bundles
  // find the .wasm beside themselves (copied below).
  logOverride: { 'require-resolve-not-external': 'silent' },
});

const inputs = Object.keys(result.metafile.inputs);
for (const [pkg, file] of RUNTIME_FILES) {
  const marker = `node_modules/${pkg}/`;
  const input = inputs.find((name) => name.includes(marker));
  if (!input) continue;
  const pkgDir = path.resolve(input.slice(0, input.indexOf(marker) + marker.length));
  mkdirSync(outdir, { recursive: true });
  copyFileSync(path.join(pkgDir, file), path.join(outdir, path.basename(file)));
}

// The traced packages the bundles require, with everything they depend on,
// laid out as in the workspace's node_modules so Node resolves the same versions.
const required = new Set(
  Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  ),
);
const shipped = new Set();
const ship = (name, fromDir) => {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(pkgDir, 'package.json'))) {
      if (shipped.has(pkgDir)) return;
      shipped.add(pkgDir);
      const inside = path.relative(root, pkgDir).replace(/^.*?node_modules[/\\]/, '');
      cpSync(pkgDir, path.join(outdir, 'node_modules', inside), {
        recursive: true,
        // Nested packages are shipped by their own walk; types and docs are not run.
        filter: (src) =>
          src === pkgDir ||
          !/[/\\](node_modules|test|tests|docs?|examples?)$|\.(d\.[cm]?ts|ts|md|map)$|\.(spec|test)\.[cm]?js$/.test(
            src,
          ),
      });
      const { dependencies = {} } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json')));
      for (const dep of Object.keys(dependencies)) ship(dep, pkgDir);
      return;
    }
    if (dir === path.dirname(dir))
      throw new Error(`${name} is not installed (needed from ${fromDir})`);
  }
};
for (const name of TRACED.filter((n) => required.has(n))) ship(name, appDir);

for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) {
    console.log(`${path.relative(root, file)}  ${(bytes / 1024 / 1024).toFixed(2)} MB`);
  }
}

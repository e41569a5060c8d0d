#!/usr/bin/env node
// Bundles one service into apps/<service>/dist for Node 24 (CommonJS).
//
// The workspace libraries are consumed as TypeScript source, and production
// images carry no node_modules, so everything a service imports is bundled in:
// src/main.ts -> dist/main.js, and src/migrate.ts -> dist/migrate.js when the
// service has one. Files a dependency reads from disk at run time are copied
// beside the bundle (see RUNTIME_FILES).
//
// Usage: node scripts/bundle-service.mjs <service>     e.g. catalog
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Optional native or never-used modules that libraries require lazily; the
// bundle leaves them as plain require() calls that are never reached.
const EXTERNAL = ['pg-native'];

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
  external: EXTERNAL,
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

for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) {
    console.log(`${path.relative(root, file)}  ${(bytes / 1024 / 1024).toFixed(2)} MB`);
  }
}

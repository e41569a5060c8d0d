// Bundles the service and its migrate entry into dist/ (workspace libs and
// npm packages included), plus the schema engine's .wasm that migrations load.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const outdir = 'dist';

await build({
  entryPoints: ['src/main.ts', 'src/migrate.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  outdir,
  // Optional native speed-up of pg, never installed.
  external: ['pg-native'],
  logLevel: 'warning',
});

mkdirSync(outdir, { recursive: true });
const engineDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
copyFileSync(
  path.join(engineDir, 'schema_engine_bg.wasm'),
  path.join(outdir, 'schema_engine_bg.wasm'),
);

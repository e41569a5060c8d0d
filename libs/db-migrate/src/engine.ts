import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma's schema engine compiled to WebAssembly: the same engine as
 * `prisma migrate`, with no native binary to download. Bundles (the images)
 * ship the .wasm beside themselves; elsewhere it is read from the package.
 */
export type SchemaEngine = Bindings.SchemaEngine;

const WASM_FILE = 'schema_engine_bg.wasm';
let loaded: Promise<typeof Bindings> | undefined;

// The DOM lib is not loaded for Node code; WebAssembly is a global all the same.
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}

function locateWasm(): string {
  const beside = join(__dirname, WASM_FILE);
  if (existsSync(beside)) return beside;
  return join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), WASM_FILE);
}

/** The engine hands a Rust panic's message to this global before it throws: it must exist. */
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: () => undefined,
};

function loadWasm(): Promise<typeof Bindings> {
  loaded ??= (async () => {
    // Loaded on first use: the glue is an ES module, and applying migrations never needs it.
    const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = readFileSync(locateWasm());
    // wasm-bindgen expects its JS glue as the import object, then the instance back.
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    return bindings;
  })();
  return loaded;
}

export interface EngineOptions {
  /** Connection string. The engine connects on start, even for a diff between two schemas. */
  databaseUrl: string;
  /** Prisma schema files as [path, content]: at least one. */
  datamodels: [string, string][];
  log?: (line: string) => void;
}

/** The `?schema=` of a Prisma connection string, else public. */
function schemaOf(databaseUrl: string): string {
  return new URL(databaseUrl).searchParams.get('schema') ?? 'public';
}

export async function openEngine(opts: EngineOptions): Promise<SchemaEngine> {
  const bindings = await loadWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(
    // The engine asks the adapter which schema it works in: Prisma's default.
    new PrismaPg(opts.databaseUrl, {
      schema: schemaOf(opts.databaseUrl),
    }),
  );
  return bindings.SchemaEngine.new(
    { datamodels: opts.datamodels },
    (line: string) => opts.log?.(line),
    factory,
  );
}

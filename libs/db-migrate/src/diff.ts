import { openEngine } from './engine';

export interface DiffOptions {
  /** Any reachable PostgreSQL server: the engine connects on start but reads nothing from it. */
  databaseUrl: string;
  /** The schema the database is at now; undefined means an empty database. */
  from?: { path: string; content: string };
  /** The schema wanted. */
  to: { path: string; content: string };
}

/** The SQL that takes a database from one Prisma schema to another; the database is not read. */
export async function diffSchemas(opts: DiffOptions): Promise<string> {
  const engine = await openEngine({
    databaseUrl: opts.databaseUrl,
    datamodels: [[opts.to.path, opts.to.content]],
  });
  try {
    const result = await engine.diff({
      from: opts.from ? { tag: 'schemaDatamodel', files: [opts.from] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [opts.to] },
      script: true,
      exitCode: false,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from './ensure-database';
import { readMigrationsDir } from './migrations-dir';

export interface MigrateOptions {
  databaseUrl: string;
  /** The prisma/migrations folder. */
  migrationsDir: string;
  logger?: { info: (obj: object, msg: string) => void };
}

/** The advisory lock `prisma migrate` takes, so our runs and Prisma's never overlap. */
const PRISMA_MIGRATE_LOCK = 72707369;

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations as `prisma migrate deploy` does: same
 * `_prisma_migrations` history (sha256 checksums), same advisory lock, a
 * failed migration blocks later runs until resolved. Either tool can take
 * over from the other. Creates the database first when it is missing.
 */
export async function migrateDatabase(opts: MigrateOptions): Promise<{ applied: string[] }> {
  if (await ensureDatabase(opts.databaseUrl)) opts.logger?.info({}, 'created database');
  const { migrationDirectories } = readMigrationsDir(opts.migrationsDir);
  const client = new Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(HISTORY_TABLE);
    const history = await client.query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const failed = history.rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(
        `migration ${failed.migration_name} failed earlier: fix the database, then mark it resolved (prisma migrate resolve)`,
      );
    }
    const done = new Set(history.rows.filter((r) => r.finished_at).map((r) => r.migration_name));
    for (const dir of migrationDirectories) {
      if (done.has(dir.path)) continue;
      const content = dir.migrationFile.content;
      if (content.tag === 'error') throw new Error(content.value);
      await applyOne(client, dir.path, content.value);
      applied.push(dir.path);
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK])
      .catch(() => undefined);
    await client.end();
  }
  opts.logger?.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
  return { applied };
}

async function applyOne(client: Client, name: string, sql: string): Promise<void> {
  const id = randomUUID();
  const checksum = createHash('sha256').update(sql).digest('hex');
  await client.query(
    'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
    [id, checksum, name],
  );
  try {
    // One simple-protocol query: PostgreSQL runs the whole script in one implicit transaction.
    await client.query(sql);
  } catch (err) {
    await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [
      id,
      String(err),
    ]);
    throw new Error(`migration ${name} failed: ${(err as Error).message}`);
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
    [id],
  );
}

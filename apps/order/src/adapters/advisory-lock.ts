import { Client } from 'pg';

/** One key for the whole order database: "recovery is running somewhere". */
const RECOVERY_LOCK_KEY = 0x0_4f52_4543; // "OREC"

/**
 * Runs work while holding a PostgreSQL session advisory lock on its own
 * connection, or not at all if another replica holds it. A replica that dies
 * mid-pass drops its connection, and with it the lock.
 */
export function advisoryLocked(databaseUrl: string) {
  return async function exclusively<T>(work: () => Promise<T>): Promise<T | undefined> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [RECOVERY_LOCK_KEY],
      );
      if (!rows[0]?.locked) return undefined;
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [RECOVERY_LOCK_KEY]);
      }
    } finally {
      await client.end();
    }
  };
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PostgresRate = {
  transactions: number;
  clients: number;
  tps: number;
  latencyMs: number;
};

/** One single-row INSERT per transaction, into a table shaped like an order's head row. */
const SCRIPT = `INSERT INTO bench_insert (id, email, total_cents) VALUES (gen_random_uuid(), 'bench@example.com', 1999);\n`;

/** pgbench's "tps = 1234.5 (without initial connection time)" and "latency average = 3.2 ms". */
export function parsePgbench(output: string): { tps: number; latencyMs: number } {
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(output)?.[1];
  if (!tps || !latency) throw new Error(`pgbench printed no rate: ${output.slice(-300)}`);
  return { tps: Number(tps), latencyMs: Number(latency) };
}

/**
 * PostgreSQL's own rate for `transactions` single-row INSERT transactions from `clients` at
 * once, measured by pgbench inside the stack's PostgreSQL container (so it pays the same disk,
 * fsync and cores as checkout does), in a scratch database it drops afterwards.
 */
export async function postgresInsertRate(
  container: string,
  user: string,
  transactions: number,
  clients: number,
): Promise<PostgresRate> {
  const database = `bench_insert_${process.pid}`;
  const exec = (args: string[], input?: string) =>
    run('docker', ['exec', ...(input ? ['-i'] : []), container, ...args], {
      timeout: 300_000,
    }).then((r) => `${r.stdout}\n${r.stderr}`);
  const psql = (db: string, sql: string) =>
    exec(['psql', '-v', 'ON_ERROR_STOP=1', '-q', '-U', user, '-d', db, '-c', sql]);
  await psql('postgres', `CREATE DATABASE ${database}`);
  try {
    await psql(
      database,
      'CREATE TABLE bench_insert (id uuid PRIMARY KEY, email text NOT NULL, total_cents integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
    // The root filesystem is read-only: the script goes to the container's /tmp.
    await run('docker', [
      'exec',
      container,
      'sh',
      '-c',
      `printf '%s' "$0" > /tmp/${database}.sql`,
      SCRIPT,
    ]);
    const perClient = Math.max(1, Math.ceil(transactions / clients));
    const output = await exec([
      'pgbench',
      '--no-vacuum',
      '--client',
      String(clients),
      '--jobs',
      '1',
      '--transactions',
      String(perClient),
      '--file',
      `/tmp/${database}.sql`,
      '-U',
      user,
      database,
    ]);
    return { transactions: perClient * clients, clients, ...parsePgbench(output) };
  } finally {
    await exec(['rm', '-f', `/tmp/${database}.sql`]).catch(() => undefined);
    await psql('postgres', `DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
  }
}

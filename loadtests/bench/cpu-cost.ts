import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Linux counts process CPU in clock ticks of 10 ms (USER_HZ is 100 on every usual kernel). */
const MS_PER_TICK = 10;

/** CPU spent so far: the service's, and each of its database's backends' by pid. */
export interface CpuReading {
  serviceMs: number;
  backendMs: Map<string, number> | undefined;
}

/** CPU per request between two readings; the database's part unknown when PostgreSQL is not local. */
export interface CpuPerRequest {
  serviceMs: number;
  databaseMs: number | undefined;
}

/**
 * CPU time a service and its PostgreSQL backends spend, read before and after
 * a measurement: unlike latency it does not grow when other work shares the
 * cores, so it compares code on a loaded machine. The service's comes from its
 * /metrics (prom-client's process_cpu_seconds_total); the database's from
 * /proc for the backends connected to the service's database, which needs
 * PostgreSQL on this host.
 */
export class CpuCost {
  constructor(
    private readonly serviceUrl: string,
    private readonly psqlUrl: string,
    private readonly database: string,
  ) {}

  async read(): Promise<CpuReading> {
    const [serviceMs, backendMs] = await Promise.all([this.serviceMs(), this.backendMs()]);
    return { serviceMs, backendMs };
  }

  private async serviceMs(): Promise<number> {
    const text = await (await fetch(`${this.serviceUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total'));
    return Number(line?.split(' ').pop()) * 1000;
  }

  private async backendMs(): Promise<Map<string, number> | undefined> {
    const sql = `SELECT pid FROM pg_stat_activity WHERE datname = '${this.database}' AND pid <> pg_backend_pid()`;
    const { stdout } = await run('psql', [this.psqlUrl, '-Atqc', sql]);
    const spent = new Map<string, number>();
    for (const pid of stdout.split('\n').filter(Boolean)) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
      if (stat === undefined) return undefined;
      // After the command name: utime and stime are the 12th and 13th fields.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      spent.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    }
    return spent;
  }
}

/** The CPU each request cost between two readings (backends that connected in between from zero). */
export function cpuPerRequest(
  before: CpuReading,
  after: CpuReading,
  requests: number,
): CpuPerRequest {
  const per = (ms: number) => (requests > 0 ? ms / requests : 0);
  let databaseMs: number | undefined;
  if (before.backendMs && after.backendMs) {
    databaseMs = 0;
    for (const [pid, ms] of after.backendMs) databaseMs += ms - (before.backendMs.get(pid) ?? 0);
  }
  return {
    serviceMs: per(after.serviceMs - before.serviceMs),
    databaseMs: databaseMs === undefined ? undefined : per(databaseMs),
  };
}

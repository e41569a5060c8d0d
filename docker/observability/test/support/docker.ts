import { execFile } from 'node:child_process';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI; resolves with the exit code and output, never rejects on a non-zero exit. */
export function docker(args: string[], timeoutMs = 120_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function dockerOrThrow(args: string[], timeoutMs?: number): Promise<string> {
  const ran = await docker(args, timeoutMs);
  if (ran.code !== 0)
    throw new Error(`docker ${args.join(' ')} failed (${ran.code}):\n${ran.stderr}`);
  return ran.stdout;
}

/** The image CI provides for an official one (the local/* stand-ins), overridable like the stack's. */
export const IMAGES = {
  prometheus: process.env['PROMETHEUS_IMAGE'] ?? 'local/prometheus:2',
  postgresExporter: process.env['POSTGRES_EXPORTER_IMAGE'] ?? 'local/postgres-exporter:0',
  redisExporter: process.env['REDIS_EXPORTER_IMAGE'] ?? 'local/redis-exporter:1',
  alertmanager: process.env['ALERTMANAGER_IMAGE'] ?? 'local/alertmanager:0',
};

/** promtool from the Prometheus image, with the layer's prometheus/ folder at /p. */
export function promtool(prometheusDir: string, args: string[]): Promise<Ran> {
  return docker([
    'run',
    '--rm',
    '--network',
    'none',
    '--entrypoint',
    '/bin/promtool',
    '-v',
    `${prometheusDir}:/p:ro`,
    IMAGES.prometheus,
    ...args,
  ]);
}

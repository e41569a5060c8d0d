import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

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

/** The default of a `${VARIABLE:-default}` in compose.observability.yaml: one source of truth. */
function layerDefault(variable: string): string {
  const text = readFileSync(path.resolve(__dirname, '../../../compose.observability.yaml'), 'utf8');
  const match = new RegExp(`\\$\\{${variable}:-([^}]+)\\}`).exec(text);
  if (!match?.[1]) throw new Error(`compose.observability.yaml has no default for ${variable}`);
  return match[1];
}

/** The layer's images, overridable as in the stack (CI sets the local/* stand-ins). */
export const IMAGES = {
  prometheus: process.env['PROMETHEUS_IMAGE'] ?? layerDefault('PROMETHEUS_IMAGE'),
  postgresExporter:
    process.env['POSTGRES_EXPORTER_IMAGE'] ?? layerDefault('POSTGRES_EXPORTER_IMAGE'),
  redisExporter: process.env['REDIS_EXPORTER_IMAGE'] ?? layerDefault('REDIS_EXPORTER_IMAGE'),
  alertmanager: process.env['ALERTMANAGER_IMAGE'] ?? layerDefault('ALERTMANAGER_IMAGE'),
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

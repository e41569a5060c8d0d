import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line on stderr: where a failure's one clear line is. */
  lastLine: string;
}

const BIN = path.resolve(__dirname, '../../bin/portside.mjs');

/** The stand-in base images CI has (ENVIRONMENT.md); a developer's own values win. */
export const CI_IMAGES = {
  NODE_IMAGE: process.env.NODE_IMAGE ?? 'local/node:24',
  NGINX_IMAGE: process.env.NGINX_IMAGE ?? 'local/nginx:1',
  HAPROXY_IMAGE: process.env.HAPROXY_IMAGE ?? 'local/haproxy:2',
  POSTGRES_IMAGE: process.env.POSTGRES_IMAGE ?? 'local/postgres:15',
  REDIS_IMAGE: process.env.REDIS_IMAGE ?? 'local/redis:7',
  REGISTRY_IMAGE: process.env.REGISTRY_IMAGE ?? 'local/registry:2',
};

interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Runs the real `portside` binary, as a person or CI would. */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).result;
}

/** Starts `portside` and hands back the process too, for a test that signals it midway. */
export function startCli(
  args: string[],
  options: CliOptions,
): { child: ChildProcess; result: Promise<CliResult>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...CI_IMAGES, NX_DAEMON: 'false', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 300_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const lastLine = stderr.trim().split('\n').at(-1) ?? '';
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, lastLine });
    });
  });
  return { child, result, stderr: () => stderr };
}

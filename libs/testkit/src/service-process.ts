import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

/** The repository root, and the tsx that runs a service's TypeScript entry as `npm run dev` does. */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const READY_WITHIN_MS = 90_000;
const KILL_AFTER_MS = 10_000;

export type ServiceName = 'catalog' | 'cart' | 'order';

export interface ServiceProcess {
  url: string;
  /** SIGTERM, as a container runtime sends; SIGKILL if it has not exited 10 s later. */
  stop(): Promise<void>;
}

const appDir = (app: ServiceName) => path.join(ROOT, 'apps', app);
const quiet = (env: Record<string, string>) => ({ ...process.env, LOG_LEVEL: 'warn', ...env });

/** Runs one of a service's scripts to the end (apps/<app>/src/migrate.ts, say); fails with its stderr. */
export async function runServiceScript(
  app: ServiceName,
  script: string,
  env: Record<string, string>,
): Promise<void> {
  try {
    await promisify(execFile)(TSX, [path.join('src', script)], {
      cwd: appDir(app),
      env: quiet(env),
      timeout: 120_000,
    });
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`apps/${app}/src/${script} failed: ${failure.stderr || failure.message}`);
  }
}

/**
 * Starts apps/<app>/src/main.ts as its own process, as a container would run it, on the given
 * port (chosen beforehand when services must know each other's address) or a free one, and
 * resolves once its /readyz answers 200.
 */
export async function startServiceProcess(
  app: ServiceName,
  env: Record<string, string>,
  port?: number,
): Promise<ServiceProcess> {
  port ??= await freePort();
  const child = spawn(TSX, [path.join('src', 'main.ts')], {
    cwd: appDir(app),
    env: quiet({ SHUTDOWN_DELAY_MS: '0', ...env, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const service = { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
  try {
    await waitReady(app, service.url, child, () => stderr);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

async function waitReady(
  app: ServiceName,
  url: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${app} exited with ${child.exitCode}:\n${stderr()}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline)
      throw new Error(
        `${app} was not ready at ${url}/readyz within ${READY_WITHIN_MS / 1000} s:\n${stderr()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

import { exec, type ExecResult } from '../core/exec';
import { EnvironmentError } from '../core/errors';

/** The Compose project portside drives: which file, under which project name. */
export interface ComposeProject {
  file: string;
  /** Files layered on top of `file` (e.g. compose.observability.yaml). */
  layers?: string[];
  projectName: string;
}

export interface ComposeRunner {
  /** Runs a compose subcommand with extra environment (the image variables). */
  run(
    args: string[],
    env?: Record<string, string>,
    options?: { inherit?: boolean; timeoutMs?: number },
  ): Promise<ExecResult>;
}

let detected: Promise<string[]> | undefined;

/**
 * `docker compose` (v2) when present, else `docker-compose` (v1), as ENVIRONMENT.md asks. The
 * timeouts are generous: Compose v1 (Python) can take many seconds to start on a busy machine.
 */
export function detectCompose(): Promise<string[]> {
  detected ??= (async () => {
    const v2 = await exec('docker', ['compose', 'version'], { timeoutMs: 60_000 }).catch(
      () => undefined,
    );
    if (v2?.code === 0) return ['docker', 'compose'];
    const v1 = await exec('docker-compose', ['version', '--short'], { timeoutMs: 60_000 }).catch(
      () => undefined,
    );
    if (v1?.code === 0) return ['docker-compose'];
    throw new EnvironmentError(
      'neither `docker compose` nor `docker-compose` is installed',
      'install Docker Compose',
    );
  })();
  return detected;
}

export function composeRunner(
  project: ComposeProject,
  baseEnv: NodeJS.ProcessEnv = process.env,
): ComposeRunner {
  return {
    async run(args, env = {}, options = {}) {
      const [command, ...prefix] = await detectCompose();
      return exec(
        command as string,
        [
          ...prefix,
          ...[project.file, ...(project.layers ?? [])].flatMap((file) => ['-f', file]),
          '-p',
          project.projectName,
          ...args,
        ],
        {
          env: { ...baseEnv, ...env },
          inherit: options.inherit,
          timeoutMs: options.timeoutMs ?? 600_000,
        },
      );
    },
  };
}

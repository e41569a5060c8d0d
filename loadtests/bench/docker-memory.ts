import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
};

/** "123.4MiB / 1.9GiB" -> bytes used. */
export function parseMemUsage(text: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([KMG]?i?B|kB)\s*\//.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2]!];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/**
 * The containers of the Compose project whose container publishes `port` on the host
 * (the edge): the stack under test, and nothing else that happens to run on this Docker.
 */
export async function stackContainers(
  port: number,
): Promise<{ project: string; names: string[] } | undefined> {
  const docker = (args: string[]) =>
    run('docker', args, { timeout: 10_000 }).then((r) => r.stdout.trim());
  const project = await docker([
    'ps',
    '--filter',
    `publish=${port}`,
    '--format',
    '{{.Label "com.docker.compose.project"}}',
  ]).then(
    (out) => out.split('\n').find(Boolean),
    () => undefined,
  );
  if (!project) return undefined;
  const names = await docker([
    'ps',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Names}}',
  ]);
  return { project, names: names.split('\n').filter(Boolean) };
}

/** Samples the given containers' memory with `docker stats --no-stream` until stopped, keeping each one's peak. */
export function startMemorySampler(names: string[], everyMs = 2_000) {
  const peaks = new Map<string, number>();
  let stopped = false;

  const sample = async () => {
    const { stdout } = await run(
      'docker',
      ['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}', ...names],
      {
        timeout: 15_000,
      },
    );
    for (const line of stdout.split('\n')) {
      const [name, usage] = line.split('\t');
      if (!name || !usage) continue;
      const bytes = parseMemUsage(usage);
      if (bytes !== undefined && bytes > (peaks.get(name) ?? 0)) peaks.set(name, bytes);
    }
  };

  const loop =
    names.length === 0
      ? Promise.resolve()
      : (async () => {
          while (!stopped) {
            await sample().catch(() => undefined);
            await new Promise((r) => setTimeout(r, everyMs));
          }
        })();

  return {
    /** Stops sampling; returns each container's peak memory in bytes. */
    async stop(): Promise<Map<string, number>> {
      stopped = true;
      await loop;
      return peaks;
    },
  };
}

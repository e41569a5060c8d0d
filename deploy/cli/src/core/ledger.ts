import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The ledger (releases.json in the state folder: .portside/ at the repository root, gitignored,
 * or $PORTSIDE_STATE_DIR): what was built, what was pushed, and every release deployed, so
 * `status` and `rollback` know what runs where.
 */
const built = z.object({
  app: z.string(),
  tag: z.string(),
  imageId: z.string(),
  gitSha: z.string(),
  dirty: z.boolean(),
  builtAt: z.string(),
});

const pushed = z.object({
  app: z.string(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string(),
  digest: z.string(),
  imageId: z.string(),
  pushedAt: z.string(),
});

const releaseService = z.object({ image: z.string(), digest: z.string() });

const release = z.object({
  id: z.string(),
  time: z.string(),
  target: z.enum(['compose', 'k8s']),
  gitSha: z.string(),
  services: z.record(z.string(), releaseService),
  outcome: z.enum(['succeeded', 'failed']),
  /** Why it failed, or what it rolled back to. */
  note: z.string().optional(),
  /** k8s: where it went. */
  context: z.string().optional(),
  namespace: z.string().optional(),
  rollbackOf: z.string().optional(),
});

const ledgerFile = z.object({
  builds: z.record(z.string(), built).default({}),
  pushes: z.record(z.string(), pushed).default({}),
  releases: z.array(release).default([]),
});

export type BuiltImage = z.infer<typeof built>;
export type PushedImage = z.infer<typeof pushed>;
export type Release = z.infer<typeof release>;
export type ReleaseService = z.infer<typeof releaseService>;
export type LedgerData = z.infer<typeof ledgerFile>;
export type Target = Release['target'];

export class Ledger {
  constructor(readonly file: string) {}

  /** The repository's ledger; PORTSIDE_STATE_DIR moves it (a read-only checkout, a CI job, a test). */
  static at(root: string, env: NodeJS.ProcessEnv = {}): Ledger {
    const stateDir = env.PORTSIDE_STATE_DIR
      ? path.resolve(root, env.PORTSIDE_STATE_DIR)
      : path.join(root, '.portside');
    return new Ledger(path.join(stateDir, 'releases.json'));
  }

  /** Folder for files kept beside a release (load test summaries). */
  releaseDir(id: string): string {
    return path.join(path.dirname(this.file), 'releases', id);
  }

  async read(): Promise<LedgerData> {
    try {
      return ledgerFile.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ledgerFile.parse({});
      throw error;
    }
  }

  /** Read, change, write atomically (rename), so a crash never leaves half a file. */
  async update(change: (data: LedgerData) => void): Promise<LedgerData> {
    const data = await this.read();
    change(data);
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`);
    await rename(temp, this.file);
    return data;
  }

  async recordRelease(entry: Omit<Release, 'id' | 'time'>): Promise<Release> {
    let saved: Release | undefined;
    await this.update((data) => {
      saved = {
        id: nextReleaseId(data.releases, entry.gitSha),
        time: new Date().toISOString(),
        ...entry,
      };
      data.releases.push(saved);
    });
    return saved as Release;
  }

  /** A release that rolled out but then failed its verification no longer counts as running. */
  async markFailed(id: string, note: string): Promise<void> {
    await this.update((data) => {
      const entry = data.releases.find((r) => r.id === id);
      if (entry) Object.assign(entry, { outcome: 'failed', note });
    });
  }
}

function nextReleaseId(releases: Release[], gitSha: string): string {
  return `r${releases.length + 1}-${gitSha.slice(0, 7)}`;
}

/** The release running on a target now: the newest one that succeeded. */
export function currentRelease(releases: Release[], target: Target): Release | undefined {
  return releases
    .filter((entry) => entry.target === target && entry.outcome === 'succeeded')
    .at(-1);
}

/** The release before the current one on a target, or the named one. */
export function rollbackTarget(
  releases: Release[],
  target: Target,
  id?: string,
): Release | undefined {
  if (id) return releases.find((entry) => entry.id === id);
  const succeeded = releases.filter(
    (entry) => entry.target === target && entry.outcome === 'succeeded',
  );
  const current = succeeded.at(-1);
  return [...succeeded].reverse().find((entry) => !sameServices(entry, current));
}

function sameServices(a: Release, b: Release | undefined): boolean {
  if (!b) return false;
  const digests = (entry: Release) =>
    JSON.stringify(
      Object.entries(entry.services)
        .map(([name, s]) => [name, s.digest])
        .sort(),
    );
  return digests(a) === digests(b);
}

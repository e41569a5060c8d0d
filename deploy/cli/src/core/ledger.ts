import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { withFileLock } from './file-lock';
import path from 'node:path';
import { z } from 'zod';
import { release, type Release } from '../releases/record';

export {
  currentRelease,
  rollbackTarget,
  type Release,
  type ReleaseService,
  type Target,
} from '../releases/record';

/**
 * The ledger (releases.json in the state folder: .portside/ at the repository root, gitignored,
 * or $PORTSIDE_STATE_DIR): what this checkout built and pushed, and a cache of the releases last
 * read from the targets. The targets themselves hold the history (src/releases): `releases`,
 * `status` and `rollback` read it there, so every machine sees the same.
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

const ledgerFile = z.object({
  builds: z.record(z.string(), built).default({}),
  pushes: z.record(z.string(), pushed).default({}),
  releases: z.array(release).default([]),
});

export type BuiltImage = z.infer<typeof built>;
export type PushedImage = z.infer<typeof pushed>;
export type LedgerData = z.infer<typeof ledgerFile>;

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

  /**
   * Read, change, write atomically (rename), so a crash never leaves half a file, holding the
   * file's lock so two runs on this machine (a build beside a deploy) never lose each other's entry.
   */
  async update(change: (data: LedgerData) => void): Promise<LedgerData> {
    await mkdir(path.dirname(this.file), { recursive: true });
    return withFileLock(`${this.file}.lock`, async () => {
      const data = await this.read();
      change(data);
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`);
      await rename(temp, this.file);
      return data;
    });
  }

  /** Caches releases read from or written to a target: each replaces the cached one of its id. */
  async remember(releases: Release[]): Promise<void> {
    await this.update((data) => {
      for (const entry of releases) {
        const at = data.releases.findIndex((cached) => sameRelease(cached, entry));
        if (at === -1) data.releases.push(entry);
        else data.releases[at] = entry;
      }
    });
  }
}

/** The same release of the same target: ids are numbered per target. */
const sameRelease = (a: Release, b: Release) =>
  a.id === b.id && a.target === b.target && a.project === b.project && a.namespace === b.namespace;

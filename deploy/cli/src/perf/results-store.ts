import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ledger } from '../core/ledger';
import type { RunSummary } from './run-summary';

/**
 * Load test runs kept per release and profile, in the state folder beside the ledger:
 * perf/<release>/<profile>.json holds every run, never overwritten, so a baseline grows run by
 * run and old results stay comparable. Runs against a bare URL (no release) go to perf/_adhoc.
 */
export class ResultsStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'perf');
  }

  static beside(ledger: Ledger): ResultsStore {
    return new ResultsStore(path.dirname(ledger.file));
  }

  fileFor(release: string | undefined, profile: string): string {
    return path.join(this.dir, release ?? '_adhoc', `${profile}.json`);
  }

  async runs(release: string | undefined, profile: string): Promise<RunSummary[]> {
    const file = this.fileFor(release, profile);
    if (!existsSync(file)) return [];
    return (JSON.parse(await readFile(file, 'utf8')) as { runs: RunSummary[] }).runs;
  }

  async append(release: string | undefined, profile: string, run: RunSummary): Promise<string> {
    const file = this.fileFor(release, profile);
    const runs = [...(await this.runs(release, profile)), run];
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ release, profile, runs }, null, 2)}\n`);
    await rename(temp, file);
    return file;
  }

  /** Profiles with results for a release. */
  async profiles(release: string): Promise<string[]> {
    const folder = path.join(this.dir, release);
    if (!existsSync(folder)) return [];
    return (await readdir(folder))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
  }
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsStore } from './results-store';

/** A verified deploy's judgement and the evidence behind it (perf/verdicts.json). */
export interface Verdict {
  release: string;
  profile: string;
  target: string;
  time: string;
  passed: boolean;
  /** The release compared against, when there was a comparable baseline. */
  baseline?: string;
  /** One line per failed check; empty when it passed. */
  reasons: string[];
  /** Every check made, failed or not. */
  checks: { name: string; passed: boolean; detail: string }[];
  rolledBackTo?: string;
}

export async function readVerdicts(store: ResultsStore): Promise<Verdict[]> {
  try {
    return JSON.parse(await readFile(path.join(store.dir, 'verdicts.json'), 'utf8')) as Verdict[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function recordVerdict(store: ResultsStore, verdict: Verdict): Promise<void> {
  const all = [...(await readVerdicts(store)), verdict];
  const file = path.join(store.dir, 'verdicts.json');
  await mkdir(store.dir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

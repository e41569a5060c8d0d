import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsStore } from './results-store';

/** Every capacity run, newest last (perf/capacity.json), for the HTML report and the docs. */
export async function saveCapacity<T>(store: ResultsStore, report: T): Promise<void> {
  const all = [...(await readCapacity<T>(store)), report];
  const file = path.join(store.dir, 'capacity.json');
  await mkdir(store.dir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function readCapacity<T>(store: ResultsStore): Promise<T[]> {
  try {
    return JSON.parse(await readFile(path.join(store.dir, 'capacity.json'), 'utf8')) as T[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

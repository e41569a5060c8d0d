import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CourseEnv } from './env';

/** The fields of a stored load test run (deploy/cli's RunSummary) the checkers read. */
export interface StoredRun {
  profile: string;
  release?: string;
  runner: string;
  startedAt: string;
  durationSeconds: number;
  overall: { requests: number; p95Ms: number; errorRate: number };
}

/** Every stored run of a profile, per release, oldest first, from the state folder's perf/. */
export function storedRuns(env: CourseEnv, profile: string): Map<string, StoredRun[]> {
  const dir = path.join(env.stateDir, 'perf');
  const byRelease = new Map<string, StoredRun[]>();
  if (!existsSync(dir)) return byRelease;
  for (const release of readdirSync(dir)) {
    const file = path.join(dir, release, `${profile}.json`);
    if (!existsSync(file)) continue;
    byRelease.set(release, (JSON.parse(readFileSync(file, 'utf8')) as { runs: StoredRun[] }).runs);
  }
  return byRelease;
}

export const newestRun = (env: CourseEnv, profile: string): StoredRun | undefined =>
  [...storedRuns(env, profile).values()]
    .flat()
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    .at(-1);

/** The newest capacity report (perf/capacity.json), or undefined. */
export function newestCapacity(env: CourseEnv): CapacityReport | undefined {
  const file = path.join(env.stateDir, 'perf', 'capacity.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as CapacityReport[]).at(-1);
}

export interface CapacityReport {
  time: string;
  sizing?: { targetRate: number; replicasNeeded: number };
  availability: { replicas: number; availability: number }[];
}

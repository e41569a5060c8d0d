import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../core/errors';
import type { JourneySlo } from './run-summary';

/** One request of a journey, as autocannon takes it. */
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A profile as the autocannon runner plays it: journeys with their share of the connections
 * and the requests each connection cycles through. The workspace's loadtests module builds it
 * (it knows the API and reads the data a journey needs first); the runner knows nothing of it.
 */
export interface LoadPlan {
  journeys: { name: string; weight: number; requests: PlannedRequest[] }[];
  /** Concurrent connections across all journeys. */
  connections: number;
  durationSeconds: number;
  slo: Record<string, JourneySlo>;
}

/** What loadtests/src/index.ts offers (loaded from the repository at run time, like the manifests). */
export interface LoadtestsModule {
  PROFILES?: readonly string[];
  findK6?: () => string | undefined;
  formatProgress(event: unknown): string;
  autocannonPlan(profile: string, baseUrl: string): Promise<LoadPlan>;
  runK6(input: {
    profile: string;
    baseUrl: string;
    summaryDir: string;
    onProgress?: (event: unknown) => void;
  }): Promise<{ outcome: string; exitCode: number; summaryJson: string }>;
}

export async function loadLoadtests(root: string, profile: string): Promise<LoadtestsModule> {
  const entry = path.join(root, 'loadtests', 'src', 'index.ts');
  if (!existsSync(entry))
    throw new EnvironmentError('the loadtests runner (loadtests/src) is missing');
  const module = (await import(entry)) as LoadtestsModule;
  if (module.PROFILES && !module.PROFILES.includes(profile))
    throw new UsageError(
      `unknown load test profile "${profile}"; profiles are: ${module.PROFILES.join(', ')}`,
    );
  return module;
}

/** The share of `total` connections each journey gets (at least one each). */
export function splitConnections(plan: Pick<LoadPlan, 'journeys'>, total: number): number[] {
  const weights = plan.journeys.reduce((sum, j) => sum + j.weight, 0);
  return plan.journeys.map((j) => Math.max(1, Math.round((total * j.weight) / weights)));
}

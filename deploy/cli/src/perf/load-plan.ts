import { PlanFileError, profilePlan, profilesOf } from '@portside/loadtests';
import { UsageError } from '../core/errors';
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
 * and the requests each connection cycles through. The loadtests library builds it (it knows
 * the API and reads the data a journey needs first); the runner knows nothing of it.
 */
export interface LoadPlan {
  journeys: { name: string; weight: number; requests: PlannedRequest[] }[];
  /** Concurrent connections across all journeys. */
  connections: number;
  durationSeconds: number;
  slo: Record<string, JourneySlo>;
}

export interface ProfileLoad {
  plan: LoadPlan;
  /** The workspace's plan file (loadtests/plans/<profile>.json) when it defines the profile. */
  file?: string;
}

/** The plan of a profile in the workspace at root: a built-in profile or the workspace's plan file. */
export async function loadPlan(
  root: string,
  profile: string,
  baseUrl: string,
): Promise<ProfileLoad> {
  const known = profilesOf(root);
  if (!known.includes(profile))
    throw new UsageError(
      `unknown load test profile "${profile}"; profiles are: ${known.join(', ')}`,
    );
  try {
    return await profilePlan(profile, baseUrl, root);
  } catch (error) {
    if (error instanceof PlanFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** The share of `total` connections each journey gets (at least one each). */
export function splitConnections(plan: Pick<LoadPlan, 'journeys'>, total: number): number[] {
  const weights = plan.journeys.reduce((sum, j) => sum + j.weight, 0);
  return plan.journeys.map((j) => Math.max(1, Math.round((total * j.weight) / weights)));
}

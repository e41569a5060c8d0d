import { UsageError } from '../../core/errors';
import type { LoadPlan } from '../../perf/load-plan';

/**
 * A plan with one journey, so a step's concurrency is exactly its connections: the named
 * journey, or every journey's requests interleaved in proportion to their weights (the stack).
 */
export function singleJourneyPlan(
  plan: LoadPlan,
  journey: string | undefined,
  durationSeconds: number,
): LoadPlan {
  if (journey) {
    const chosen = plan.journeys.find((j) => j.name === journey);
    if (!chosen)
      throw new UsageError(
        `unknown journey "${journey}"; journeys are: ${plan.journeys.map((j) => j.name).join(', ')}`,
      );
    return { ...plan, durationSeconds, journeys: [{ ...chosen, weight: 1 }] };
  }
  const lightest = Math.min(...plan.journeys.map((j) => j.weight));
  const requests = plan.journeys.flatMap((j) =>
    Array.from({ length: Math.max(1, Math.round(j.weight / lightest)) }, () => j.requests).flat(),
  );
  return { ...plan, durationSeconds, journeys: [{ name: 'stack', weight: 1, requests }] };
}

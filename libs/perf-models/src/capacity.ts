/**
 * Little's law: in a stable system the mean number in flight equals throughput times mean
 * time in the system, L = X·R. A closed-loop load generator fixes L (its connections), so
 * measured X and R must agree with it; a large gap means the generator, not the service, was
 * the bottleneck (or requests queued before being timed).
 */
export interface LittleCheck {
  concurrency: number;
  /** X·R. */
  predicted: number;
  /** (predicted − concurrency) / concurrency. */
  relativeError: number;
}

export function littlesLaw(
  concurrency: number,
  throughputPerSecond: number,
  meanLatencyMs: number,
): LittleCheck {
  const predicted = throughputPerSecond * (meanLatencyMs / 1000);
  return { concurrency, predicted, relativeError: (predicted - concurrency) / concurrency };
}

export interface LoadStep {
  concurrency: number;
  throughput: number;
  p95Ms: number;
  errorRate: number;
}

/**
 * The highest throughput measured with p95 within the SLO and errors within their budget,
 * divided among the replicas that served it. Undefined when no step met the SLO.
 */
export function capacityAtSlo(
  steps: readonly LoadStep[],
  slo: { p95Ms: number; maxErrorRate: number },
  replicas = 1,
): number | undefined {
  const within = steps.filter((s) => s.p95Ms <= slo.p95Ms && s.errorRate <= slo.maxErrorRate);
  if (within.length === 0) return undefined;
  return Math.max(...within.map((s) => s.throughput)) / replicas;
}

/**
 * Replicas for a target rate, each run at no more than `maxUtilisation` of its capacity, so
 * there is headroom for bursts and for losing one replica.
 */
export function replicasFor(
  targetRate: number,
  perReplicaCapacity: number,
  maxUtilisation = 0.7,
): number {
  if (!(perReplicaCapacity > 0)) throw new RangeError('per-replica capacity must be positive');
  if (!(maxUtilisation > 0 && maxUtilisation <= 1))
    throw new RangeError('utilisation must be in (0, 1]');
  return Math.max(1, Math.ceil(targetRate / (perReplicaCapacity * maxUtilisation) - 1e-9));
}

/**
 * Probability that at least `needed` of `replicas` independent replicas are up, each up with
 * probability `perReplica`: the binomial tail. With needed = 1 it is 1 − (1 − a)^N.
 */
export function availability(replicas: number, perReplica: number, needed = 1): number {
  if (!(perReplica >= 0 && perReplica <= 1)) throw new RangeError('availability is in [0, 1]');
  let total = 0;
  for (let up = needed; up <= replicas; up++)
    total += choose(replicas, up) * perReplica ** up * (1 - perReplica) ** (replicas - up);
  return Math.min(1, total);
}

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

import type { CapacityReport } from './index';

/** 99.99 % reads well; past six nines the shortfall says more than a row of 9s. */
const percentUp = (a: number) =>
  1 - a < 1e-6 ? `1 − ${(1 - a).toExponential(1)}` : `${(a * 100).toFixed(4)} %`;
const n = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'unbounded');

export function formatCapacity(r: CapacityReport): string {
  const lines = [
    `capacity of ${r.scope} (${r.profile}) at ${r.baseUrl}${r.release ? `, release ${r.release}` : ''}; runner ${r.runner}`,
    '',
    'concurrency  req/s     mean ms  p95 ms   errors   Little N=X·R (error)',
    ...r.steps.map(
      (s) =>
        `${String(s.concurrency).padEnd(13)}${n(s.throughput).padEnd(10)}${n(s.meanMs).padEnd(9)}${n(s.p95Ms).padEnd(9)}${`${(s.errorRate * 100).toFixed(2)}%`.padEnd(9)}${n(s.little.predicted, 2)} (${(s.little.relativeError * 100).toFixed(1)}%)`,
    ),
    '',
    `USL fit: σ (contention) ${r.fit.sigma.toFixed(4)}, κ (coherency) ${r.fit.kappa.toExponential(3)}, λ ${n(r.fit.lambda)}/s per client, R² ${r.fit.rSquared.toFixed(3)}`,
    `predicted peak: ${n(r.fit.peakThroughput)}/s at concurrency ${n(r.fit.peakConcurrency)}; knee at concurrency ${n(r.fit.kneeConcurrency)}`,
    r.perReplicaCapacity
      ? `capacity per replica at p95 < ${r.slo.p95Ms} ms: ${n(r.perReplicaCapacity)}/s (${r.replicas} replica${r.replicas > 1 ? 's' : ''} served the test)`
      : `no step met p95 < ${r.slo.p95Ms} ms: per-replica capacity unknown`,
  ];
  if (r.sizing)
    lines.push(
      `replicas for ${r.sizing.targetRate}/s at most ${(r.sizing.maxUtilisation * 100).toFixed(0)} % busy: ${r.sizing.replicasNeeded}`,
    );
  lines.push(
    `availability with each replica up ${(r.availability[0]!.perReplica * 100).toFixed(2)} %: ${r.availability
      .map((a) => `${a.replicas} → ${percentUp(a.availability)}`)
      .join(', ')}`,
    `self-check at concurrency ${r.selfCheck.concurrency}: predicted ${n(r.selfCheck.predicted)}/s, measured ${n(r.selfCheck.measured)}/s (error ${(r.selfCheck.error * 100).toFixed(1)} %)`,
  );
  return lines.join('\n');
}

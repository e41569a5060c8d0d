/**
 * Gunther's Universal Scalability Law: throughput at concurrency N is
 *   X(N) = λN / (1 + σ(N − 1) + κN(N − 1))
 * λ the throughput of one client alone, σ contention (the serial share, Amdahl's law), κ
 * coherency (the cost of keeping shared state consistent, which makes throughput fall past a
 * peak). Fitted by nonlinear least squares. No maintained npm package fits the USL, so it is
 * written here: for fixed σ and κ the best λ has a closed form, which leaves a two-parameter
 * search (a grid for the start, then Nelder-Mead) over the squared error.
 */
export interface UslPoint {
  concurrency: number;
  throughput: number;
}

export interface UslFit {
  sigma: number;
  kappa: number;
  lambda: number;
  /** Share of the throughput's variance the curve explains. */
  rSquared: number;
  /** The concurrency where throughput peaks (Infinity when κ is 0). */
  peakConcurrency: number;
  peakThroughput: number;
  /**
   * Where the linear-scaling line λN meets the peak throughput: below it, adding clients adds
   * throughput almost linearly; above it, they mostly add queueing.
   */
  kneeConcurrency: number;
}

export function uslThroughput(
  params: Pick<UslFit, 'sigma' | 'kappa' | 'lambda'>,
  concurrency: number,
): number {
  const n = concurrency;
  return (params.lambda * n) / (1 + params.sigma * (n - 1) + params.kappa * n * (n - 1));
}

export function fitUsl(points: readonly UslPoint[]): UslFit {
  if (points.length < 3) throw new RangeError('the USL needs at least three load steps');
  if (points.some((p) => !(p.concurrency > 0) || !(p.throughput >= 0)))
    throw new RangeError('concurrency must be positive and throughput not negative');

  const shape = (sigma: number, kappa: number, n: number) =>
    n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  const bestLambda = (sigma: number, kappa: number) => {
    let num = 0;
    let den = 0;
    for (const p of points) {
      const g = shape(sigma, kappa, p.concurrency);
      num += p.throughput * g;
      den += g * g;
    }
    return den === 0 ? 0 : num / den;
  };
  const error = ([sigma, kappa]: readonly number[]) => {
    if (sigma! < 0 || sigma! > 1 || kappa! < 0) return Number.POSITIVE_INFINITY;
    const lambda = bestLambda(sigma!, kappa!);
    return points.reduce(
      (sum, p) => sum + (p.throughput - lambda * shape(sigma!, kappa!, p.concurrency)) ** 2,
      0,
    );
  };

  let start: number[] = [0, 0];
  let startError = error(start);
  for (const sigma of [0, 0.001, 0.01, 0.03, 0.1, 0.2, 0.4, 0.7, 0.95])
    for (const kappa of [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.2]) {
      const e = error([sigma, kappa]);
      if (e < startError) [start, startError] = [[sigma, kappa], e];
    }
  const [sigma, kappa] = nelderMead(error, start, [
    Math.max(0.01, start[0]! / 2),
    Math.max(1e-5, start[1]! / 2),
  ]);
  const lambda = bestLambda(sigma!, kappa!);
  const mean = points.reduce((s, p) => s + p.throughput, 0) / points.length;
  const total = points.reduce((s, p) => s + (p.throughput - mean) ** 2, 0);
  const fit = { sigma: sigma!, kappa: kappa!, lambda };
  // With κ > 0 throughput peaks at sqrt((1 − σ)/κ); never below one client.
  const peakConcurrency =
    kappa! > 0 ? Math.max(1, Math.sqrt((1 - sigma!) / kappa!)) : Number.POSITIVE_INFINITY;
  const peakThroughput = Number.isFinite(peakConcurrency)
    ? uslThroughput(fit, peakConcurrency)
    : sigma! > 0
      ? lambda / sigma!
      : Number.POSITIVE_INFINITY;
  return {
    ...fit,
    rSquared: total === 0 ? 1 : 1 - error([sigma!, kappa!]) / total,
    peakConcurrency,
    peakThroughput,
    kneeConcurrency: lambda > 0 ? peakThroughput / lambda : Number.POSITIVE_INFINITY,
  };
}

/** Nelder-Mead simplex minimisation: derivative-free, enough for two parameters. */
function nelderMead(
  f: (x: readonly number[]) => number,
  start: number[],
  steps: number[],
  iterations = 2000,
): number[] {
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + steps[i]! : v)))];
  const add = (a: number[], b: number[], scale: number) => a.map((v, i) => v + scale * b[i]!);
  const minus = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!);
  for (let k = 0; k < iterations; k++) {
    simplex.sort((a, b) => f(a) - f(b));
    const best = simplex[0]!;
    const worst = simplex[simplex.length - 1]!;
    if (Math.abs(f(worst) - f(best)) <= 1e-12 * (Math.abs(f(best)) + 1e-12)) break;
    const centroid = simplex.slice(0, -1).reduce(
      (c, p) => c.map((v, i) => v + p[i]! / (simplex.length - 1)),
      start.map(() => 0),
    );
    const toWorst = minus(centroid, worst);
    const reflected = add(centroid, toWorst, 1);
    if (f(reflected) < f(best)) {
      const expanded = add(centroid, toWorst, 2);
      simplex[simplex.length - 1] = f(expanded) < f(reflected) ? expanded : reflected;
    } else if (f(reflected) < f(simplex[simplex.length - 2]!)) {
      simplex[simplex.length - 1] = reflected;
    } else {
      const contracted = add(centroid, toWorst, -0.5);
      if (f(contracted) < f(worst)) simplex[simplex.length - 1] = contracted;
      else simplex = simplex.map((p) => add(best, minus(p, best), 0.5));
    }
  }
  simplex.sort((a, b) => f(a) - f(b));
  return simplex[0]!;
}

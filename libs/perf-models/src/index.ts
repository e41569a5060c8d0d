/**
 * Performance models for comparing releases and sizing a deployment: the rank test and
 * bootstrap interval behind `portside perf compare` and `deploy --verify`, and the Universal
 * Scalability Law, Little's law and sizing behind `portside capacity`.
 */
export {
  mannWhitneyU,
  criticalU,
  smallestPValue,
  standardNormalCdf,
  type MannWhitneyResult,
} from './mann-whitney';
export {
  bootstrapChange,
  seededRandom,
  type BootstrapInterval,
  type BootstrapOptions,
} from './bootstrap';
export { fitUsl, uslThroughput, type UslFit, type UslPoint } from './usl';
export {
  littlesLaw,
  capacityAtSlo,
  replicasFor,
  availability,
  type LittleCheck,
  type LoadStep,
} from './capacity';
export { compareRuns, type MetricComparison } from './compare';
export { latencyPercentiles, type LatencyPercentiles } from './latency';

/** What one load test run leaves behind: per journey and overall, and where it was measured. */
export interface TrafficStats {
  requests: number;
  /** Responses per second. */
  throughput: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Share of requests that failed (connection errors, timeouts, 4xx/5xx). */
  errorRate: number;
}

export interface MachineInfo {
  /** Runs are compared only when this matches (host, CPU model and count). */
  fingerprint: string;
  hostname: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

export interface RunSummary {
  profile: string;
  release?: string;
  /** autocannon here when k6 is not installed; k6 when it is. */
  runner: 'autocannon' | 'k6';
  baseUrl: string;
  startedAt: string;
  durationSeconds: number;
  /** Concurrent connections the generator held (closed model) or VUs. */
  concurrency: number;
  machine: MachineInfo;
  /**
   * The load generator's own CPU time per wall-clock second: near 1 it was itself the
   * bottleneck. Null under k6, a separate process this tool does not measure.
   */
  generatorCpu: number | null;
  journeys: Record<string, TrafficStats>;
  overall: TrafficStats;
}

/** SLO thresholds per journey, as loadtests/ declares them. */
export interface JourneySlo {
  p95Ms: number;
  p99Ms: number;
  maxErrorRate: number;
}

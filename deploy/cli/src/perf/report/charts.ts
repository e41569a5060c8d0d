import type { TopLevelSpec } from 'vega-lite';

export interface LatencyPoint {
  release: string;
  percentile: 'p50' | 'p95' | 'p99';
  ms: number;
}

/** Median over runs of each release's overall p50/p95/p99, releases in deploy order. */
export function latencyChart(points: LatencyPoint[], releases: string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Latency percentiles per release (median of runs)',
    width: 560,
    height: 260,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'release',
        type: 'ordinal',
        sort: releases,
        title: 'release',
        axis: { labelAngle: 0 },
      },
      y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
      color: { field: 'percentile', type: 'nominal', title: 'percentile' },
    },
  };
}

export interface ThroughputPoint {
  concurrency: number;
  throughput: number;
  series: 'measured' | 'USL fit' | 'self-check';
}

/** Measured steps as points, the fitted USL as a line, the self-check step on top. */
export function throughputChart(points: ThroughputPoint[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 560,
    height: 260,
    data: { values: points },
    encoding: {
      x: { field: 'concurrency', type: 'quantitative', title: 'concurrency (connections)' },
      y: { field: 'throughput', type: 'quantitative', title: 'throughput (req/s)' },
      color: { field: 'series', type: 'nominal', title: null },
    },
    layer: [
      { transform: [{ filter: "datum.series === 'USL fit'" }], mark: { type: 'line' } },
      {
        transform: [{ filter: "datum.series !== 'USL fit'" }],
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { shape: { field: 'series', type: 'nominal', legend: null } },
      },
    ],
  };
}

export interface VerdictPoint {
  release: string;
  check: string;
  result: 'pass' | 'fail';
}

/** One cell per release and check, green or red. */
export function verdictChart(points: VerdictPoint[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Verified deploys: checks per release',
    data: { values: points },
    mark: { type: 'rect', stroke: 'white' },
    encoding: {
      x: { field: 'release', type: 'ordinal', title: 'release', axis: { labelAngle: 0 } },
      y: { field: 'check', type: 'ordinal', title: null, axis: { labelLimit: 260 } },
      color: {
        field: 'result',
        type: 'nominal',
        scale: { domain: ['pass', 'fail'], range: ['#2e7d32', '#c62828'] },
        title: null,
      },
    },
  };
}

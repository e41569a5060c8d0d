import type { RequestHandler } from 'express';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/**
 * Latency buckets in seconds. Every latency objective of the SLO file
 * (docker/observability/slo.json: 250, 300, 400, 600, 800 ms, 1 s, 2 s) is a
 * boundary, so the ratio of requests under it is exact, not interpolated.
 */
export const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.4, 0.6, 0.8, 1, 2, 5, 10,
] as const;

type Spec<T extends string> = { name: string; help: string; labelNames?: readonly T[] };

export interface Metrics {
  registry: Registry;
  middleware: RequestHandler;
  /** A counter on this service's registry (service label added by the registry). */
  counter<T extends string>(spec: Spec<T>): Counter<T>;
  /** A histogram on this service's registry; latency buckets unless given. */
  histogram<T extends string>(spec: Spec<T> & { buckets?: readonly number[] }): Histogram<T>;
  /** A gauge on this service's registry; `collect` runs on every scrape. */
  gauge<T extends string>(spec: Spec<T> & { collect?: (gauge: Gauge<T>) => void }): Gauge<T>;
}

export interface MetricsOptions {
  /** Node's process metrics (heap, event loop lag, GC, process start time...). */
  defaults?: boolean;
}

/**
 * Per-app registry (not the global one) so several apps can live in one test
 * process. Routes are labelled by their pattern, never by raw path, to keep
 * cardinality bounded.
 */
export function createMetrics(service: string, { defaults = true }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaults) collectDefaultMetrics({ register: registry });

  const metrics: Metrics = {
    registry,
    middleware: () => undefined,
    counter: (spec) =>
      new Counter({ ...spec, registers: [registry] } as CounterConfiguration<never>),
    histogram: ({ buckets = LATENCY_BUCKETS, ...spec }) =>
      new Histogram({
        ...spec,
        buckets: [...buckets],
        registers: [registry],
      } as HistogramConfiguration<never>),
    gauge: ({ collect, ...spec }) =>
      new Gauge({
        ...spec,
        registers: [registry],
        ...(collect
          ? {
              collect() {
                collect(this);
              },
            }
          : {}),
      } as GaugeConfiguration<never>),
  };

  const requests = metrics.counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
  });
  const inFlight = metrics.gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being answered now.',
  });

  metrics.middleware = (req, res, next) => {
    const end = duration.startTimer();
    inFlight.inc();
    res.once('close', () => inFlight.dec());
    res.on('finish', () => {
      // res.locals.route: the pattern of a request answered before routing (a fault switch).
      const route = req.route?.path
        ? `${req.baseUrl}${req.route.path}`
        : ((res.locals['route'] as string | undefined) ?? 'unmatched');
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      end(labels);
    });
    next();
  };

  return metrics;
}

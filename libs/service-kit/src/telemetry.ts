import { trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import type { ObservabilityConfig } from './observability-config';

/** Paths never traced: probes and scrapes would drown the real requests. */
const UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

export interface Telemetry {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Traces with W3C trace context: HTTP in and out (so `traceparent` flows from
 * the edge through order to catalog and cart), Express routes, PostgreSQL
 * queries (node-postgres, under Prisma's adapter) and Redis commands.
 *
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. Instrumentation hooks module
 * loading, so this runs before the instrumented modules are first required:
 * service-kit calls it when it is loaded (see index.ts). Modules an esbuild
 * bundle inlines are not loaded through require and get no spans of their own;
 * Node's http is never inlined, so propagation and HTTP spans always work.
 */
export function startTelemetry(config: ObservabilityConfig): Telemetry {
  if (started) return started;
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return (started = { shutdown: async () => undefined });

  // A trace the edge started arrives with flags 00: ids, but no decision yet.
  // The share of such traces recorded is the configured one, and the decision
  // (made from the trace id) is the same in every service the trace reaches.
  const ratio = new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': config.OTEL_SERVICE_NAME,
    }),
    sampler: new ParentBasedSampler({ root: ratio, remoteParentNotSampled: ratio }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
        { scheduledDelayMillis: 1000 },
      ),
    ],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  started = { shutdown: () => provider.shutdown() };
  return started;
}

/** The current span's trace and span ids, for log lines. */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  const span: Span | undefined = trace.getActiveSpan();
  const context = span?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}

import { z } from 'zod';
import { loadConfig } from './config';

/**
 * Settings every service shares for telemetry and fault switches. They are read
 * by service-kit itself (through loadConfig, once) so that every service gets
 * them without a line of its own: tracing must start before the instrumented
 * modules load, and the app factory mounts the fault switches.
 */
export const observabilityConfigSchema = z
  .object({
    /** OTLP/HTTP endpoint traces go to (e.g. http://tempo:4318); no export when unset. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** Share of new traces recorded (0 to 1); a sampled parent is always followed. */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    /** The service name on spans (the Compose layer and the k8s component set it per service). */
    OTEL_SERVICE_NAME: z.string().min(1).max(100).default('portside-service'),
    /** `production` refuses fault switches at boot (the same switch refuses development secrets). */
    DEPLOYMENT_MODE: z.enum(['development', 'production']).default('development'),
    /** Bearer token of /admin/faults; the fault switches exist only when it is set. */
    FAULT_SWITCHES_TOKEN: z.string().min(16).optional(),
  })
  .refine((c) => !(c.DEPLOYMENT_MODE === 'production' && c.FAULT_SWITCHES_TOKEN), {
    path: ['FAULT_SWITCHES_TOKEN'],
    message: 'fault switches are refused when DEPLOYMENT_MODE=production',
  });

export type ObservabilityConfig = z.infer<typeof observabilityConfigSchema>;

let loaded: ObservabilityConfig | undefined;

/** Parsed once per process; a bad value throws a ConfigError naming the variable. */
export function observabilityConfig(): ObservabilityConfig {
  loaded ??= loadConfig(observabilityConfigSchema);
  return loaded;
}

// Imported first by index.ts: tracing must hook module loading before express,
// pg and ioredis are first required, and every service imports service-kit early.
import { ConfigError } from './config';
import { observabilityConfig } from './observability-config';
import { startTelemetry } from './telemetry';

try {
  startTelemetry(observabilityConfig());
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

// First: tracing hooks module loading, so it must start before express, pg and ioredis load.
import './telemetry-boot';
export {
  baseConfigSchema,
  postgresConfigShape,
  redisConfigShape,
  loadConfig,
  loadConfigOrExit,
  ConfigError,
} from './config';
export { AppError, isAppError, statusOfKind, type ErrorKind, type AppErrorOptions } from './errors';
export { parseInput, type InputLocation } from './validation';
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { createMetrics, type Metrics } from './metrics';
export {
  Readiness,
  type Check,
  type CheckState,
  type ReadinessReport,
  type ReadinessOptions,
} from './readiness';
export {
  problemOf,
  sendProblem,
  errorHandler,
  notFoundHandler,
  PROBLEM_CONTENT_TYPE,
} from './problem';
export { createServiceApp, type ServiceAppOptions } from './app';
export { startServer, exitOnSignals, type RunningServer, type ServerOptions } from './server';
export {
  runService,
  type Connected,
  type RunOptions,
  type RunningService,
  type ServerSettings,
  type ServiceApp,
  type ServiceDefinition,
  type ServiceDeps,
} from './run-service';
export { currentRequestId, runWithContext, type RequestContext } from './context';
export { requireBearer, timingSafeEqualText } from './auth';
export {
  postgresPoolOptions,
  redisClientOptions,
  type PostgresTimeouts,
  type RedisTimeouts,
} from './dependency-options';
export { isDependencyFailure } from './dependency-failure';
export { DEVELOPMENT_SECRETS, keysHoldingDevelopmentSecrets } from './development-secrets';
export { LATENCY_BUCKETS, type MetricsOptions } from './metrics';
export {
  createCheckoutMetrics,
  CHECKOUT_OUTCOMES,
  COMPENSATIONS,
  RECOVERY_ACTIONS,
  type CheckoutMetrics,
  type CheckoutOutcome,
  type CheckoutStep,
  type Compensation,
  type RecoveryAction,
} from './checkout-metrics';
export {
  createCacheMetrics,
  observePool,
  type CacheResult,
  type PoolStats,
} from './resource-metrics';
export { FaultSwitches, faultSchema, faultsBodySchema, type Fault } from './faults';
export {
  observabilityConfig,
  observabilityConfigSchema,
  type ObservabilityConfig,
} from './observability-config';
export { startTelemetry, currentTraceIds, type Telemetry } from './telemetry';

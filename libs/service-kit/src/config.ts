import { z } from 'zod';
import { keysHoldingDevelopmentSecrets } from './development-secrets';

/** Keys every service reads. Each service extends this with its own. */
export const baseConfigSchema = z.object({
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Time allowed on SIGTERM for in-flight requests to finish before connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Wait after readiness turns false and before the server stops accepting: lets load balancers notice. */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Largest JSON body accepted. */
  BODY_LIMIT: z.string().default('100kb'),
  /** Time a client gets to send a whole request; a slower one is answered 408 and cut off. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Time a client gets to send the request headers (slow-header attacks). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * `production` refuses to start with any of the committed development secrets
   * (see development-secrets.ts); `development` accepts them.
   */
  DEPLOYMENT_MODE: z.enum(['development', 'production']).default('development'),
});

const millis = (fallback: number, max = 60_000) =>
  z.coerce.number().int().min(10).max(max).default(fallback);

/** Keys of a service that uses PostgreSQL: how long a connection or a statement may take. */
export const postgresConfigShape = {
  /** Time allowed to open a connection (or wait for a free one in the pool). */
  DATABASE_CONNECT_TIMEOUT_MS: millis(2_000),
  /** Longest statement: the server cancels it (statement_timeout) and the client stops waiting. */
  DATABASE_STATEMENT_TIMEOUT_MS: millis(5_000),
};

/** Keys of a service that uses Redis: how long a connection or a command may take. */
export const redisConfigShape = {
  /** Time allowed to open a connection to Redis. */
  REDIS_CONNECT_TIMEOUT_MS: millis(1_000),
  /** Time a command may take before it fails (a paused or overloaded Redis). */
  REDIS_COMMAND_TIMEOUT_MS: millis(1_000),
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at boot. The only place that reads process.env;
 * a missing or bad value names the variable.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    refuseDevelopmentSecretsInProduction(result.data);
    return result.data;
  }
  throw new ConfigError(
    result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
  );
}

/** In production mode, a value that is one of the committed development secrets stops the boot. */
function refuseDevelopmentSecretsInProduction(config: unknown): void {
  if (typeof config !== 'object' || config === null) return;
  const values = config as Record<string, unknown>;
  if (values.DEPLOYMENT_MODE !== 'production') return;
  const keys = keysHoldingDevelopmentSecrets(values);
  if (keys.length > 0) {
    throw new ConfigError(
      keys.map(
        (key) =>
          `${key}: holds a development secret committed to the repository; DEPLOYMENT_MODE=production needs a value of your own`,
      ),
    );
  }
}

/** loadConfig for main.ts: prints the problem and exits 1 instead of throwing. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  try {
    return loadConfig(schema);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

import { z } from 'zod';
import { baseConfigSchema, postgresConfigShape, redisConfigShape } from '@portside/service-kit';

/** Everything the catalog reads from its environment, parsed once at boot. */
export const catalogConfigSchema = baseConfigSchema.extend({
  ...postgresConfigShape,
  ...redisConfigShape,
  /** The catalog's Redis only caches: a command slower than this falls back to PostgreSQL. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** PostgreSQL connection string of the `catalog` database. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Connections the service keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Redis for the read cache; optional at run time (reads fall back to PostgreSQL). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /** Prefix of every Redis key the catalog writes, so several instances can share one Redis. */
  REDIS_KEY_PREFIX: z.string().max(100).default(''),
  /** Bearer token that admin writes (create, update, stock) must present. */
  ADMIN_TOKEN: z.string().min(16),
  /** Bearer token other services present on /internal routes (stock reservations). */
  INTERNAL_TOKEN: z.string().min(16),
  /** How long a cached read lives even without a write invalidating it. */
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** How often pending stock reservations past their expiry are released. */
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;

/** What the migrate-and-seed entry needs: only the database. */
export const migrateConfigSchema = z.object({
  /** PostgreSQL connection string of the `catalog` database (created if absent). */
  DATABASE_URL: catalogConfigSchema.shape.DATABASE_URL,
  /** pino level of the migration run. */
  LOG_LEVEL: baseConfigSchema.shape.LOG_LEVEL,
  /** `production` refuses the committed development passwords. */
  DEPLOYMENT_MODE: baseConfigSchema.shape.DEPLOYMENT_MODE,
});

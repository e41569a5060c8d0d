import { z } from 'zod';
import { baseConfigSchema, redisConfigShape } from '@portside/service-kit';

const SEVEN_DAYS_IN_SECONDS = 7 * 24 * 60 * 60;

/** The cart service's environment, parsed once at boot by main.ts. */
export const cartConfigSchema = baseConfigSchema.extend({
  ...redisConfigShape,
  /** Port the cart API listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** Redis holding the carts, e.g. redis://127.0.0.1:6379. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /** Prepended to every Redis key, so several deployments or test runs can share one Redis. */
  REDIS_KEY_PREFIX: z.string().max(100).default(''),
  /** Base URL of the catalog service, e.g. http://catalog:3001. */
  CATALOG_URL: z.url({ protocol: /^https?$/ }),
  /** Idle lifetime of a cart: every read or write pushes its expiry this far out again. */
  CART_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 60 * 60)
    .default(SEVEN_DAYS_IN_SECONDS),
  /** Time allowed for one call to the catalog before it counts as failed (and is retried if safe). */
  CATALOG_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;

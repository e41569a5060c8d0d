import { z } from 'zod';
import { baseConfigSchema, postgresConfigShape } from '@portside/service-kit';
import { parseFaultList } from './domain/faults';

const url = z.url({ protocol: /^https?$/ });
const millis = (fallback: number) => z.coerce.number().int().min(1).max(120_000).default(fallback);

/** Everything the order service reads from its environment, parsed once at boot. */
export const orderConfigSchema = baseConfigSchema.extend({
  ...postgresConfigShape,
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** PostgreSQL URL of the `orders` database. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Base URL of the catalog service (prices and stock reservations), e.g. http://catalog:3001. */
  CATALOG_URL: url,
  /** Bearer token the catalog requires on its /internal reservation routes. */
  INTERNAL_TOKEN: z.string().min(16),
  /** Base URL of the cart service (read and clear the cart), e.g. http://cart:3002. */
  CART_URL: url,
  /**
   * Budget for one call to catalog or cart, per attempt. Generous on purpose: a
   * reservation whose answer we stop waiting for holds stock until its TTL.
   */
  UPSTREAM_TIMEOUT_MS: millis(3_000),
  /** How long reserved stock stays held before catalog releases it on its own. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Budget for the payment step; a slower payment fails the checkout and releases the stock. */
  PAYMENT_TIMEOUT_MS: millis(5_000),
  /** Flat shipping charge per order, in cents. */
  SHIPPING_CENTS: z.coerce.number().int().min(0).max(100_000).default(499),
  /** Orders whose subtotal is at least this many cents ship free. */
  FREE_SHIPPING_OVER_CENTS: z.coerce.number().int().min(0).max(100_000_000).default(5_000),
  /**
   * Bearer token of the order service's admin routes (reconciliation, fault
   * points), as the catalog's ADMIN_TOKEN; unset, those routes answer 404.
   */
  ADMIN_TOKEN: z.string().min(16).optional(),
  /**
   * A checkout holds its Idempotency-Key this long; a run silent for longer
   * (its process died) is resumed by a retry or finished by recovery.
   */
  CHECKOUT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** How often this replica looks for unfinished checkouts (one replica at a time recovers). */
  RECOVERY_INTERVAL_MS: millis(10_000),
  /**
   * Fault points switched on at boot, e.g. `after-charge:crash,payment-timeout-after-charge`
   * (see docs/checkout-faults.md). Off by default; refused in production mode.
   */
  FAULTS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const { faults, problems } = parseFaultList(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return faults;
    }),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;

import type { Logger } from '@portside/service-kit';
import type { OrderRepository } from './orders';

export interface HousekeepingDeps {
  orders: Pick<OrderRepository, 'failAbandoned'>;
  idempotencyKeys: { purgeExpired(): Promise<number> };
  logger: Pick<Logger, 'info' | 'warn'>;
  /** A pending order older than this lost its stock hold long ago. */
  abandonAfterMs: number;
  now?: () => Date;
}

/**
 * One sweep: orders left pending by a process that died mid-checkout are
 * marked failed (catalog has already let their reservations expire), and
 * idempotency keys past their 24 hours are dropped.
 */
export async function sweep(
  deps: HousekeepingDeps,
): Promise<{ abandoned: number; purged: number }> {
  const now = deps.now?.() ?? new Date();
  const abandoned = await deps.orders.failAbandoned(new Date(now.getTime() - deps.abandonAfterMs));
  const purged = await deps.idempotencyKeys.purgeExpired();
  if (abandoned || purged) deps.logger.info({ abandoned, purged }, 'housekeeping');
  return { abandoned, purged };
}

/** Runs sweep now and then; the timer never keeps the process alive. Returns stop(). */
export function startHousekeeping(deps: HousekeepingDeps, everyMs: number): () => void {
  const timer = setInterval(() => {
    sweep(deps).catch((err) => deps.logger.warn({ err }, 'housekeeping failed'));
  }, everyMs).unref();
  return () => clearInterval(timer);
}

import type { Logger } from '@portside/service-kit';

export interface HousekeepingDeps {
  idempotencyKeys: { purgeExpired(): Promise<number> };
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * One sweep: idempotency keys past their 24 hours are dropped (never those an
 * order was placed under). Housekeeping never ends an order: an unfinished
 * one may hold a charge or committed stock, so only recovery (./saga/recovery)
 * ends it, refunding and releasing what it holds.
 */
export async function sweep(deps: HousekeepingDeps): Promise<{ purged: number }> {
  const purged = await deps.idempotencyKeys.purgeExpired();
  if (purged) deps.logger.info({ purged }, 'housekeeping');
  return { purged };
}

/** Runs sweep now and then; the timer never keeps the process alive. Returns stop(). */
export function startHousekeeping(deps: HousekeepingDeps, everyMs: number): () => void {
  const timer = setInterval(() => {
    sweep(deps).catch((err) => deps.logger.warn({ err }, 'housekeeping failed'));
  }, everyMs).unref();
  return () => clearInterval(timer);
}

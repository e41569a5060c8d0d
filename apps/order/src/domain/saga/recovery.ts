import type { Logger } from '@portside/service-kit';
import type { Checkout } from '../checkout';
import type { CheckoutTelemetry } from '../checkout-telemetry';
import type { OrderStore } from '../orders';

export interface RecoveryDeps {
  checkout: Pick<Checkout, 'recover'>;
  orders: Pick<OrderStore, 'leaseUnfinished' | 'endLease'>;
  /** Runs `work` only if no other replica is recovering now (a PostgreSQL advisory lock). */
  exclusively: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** An unfinished order nobody has driven for this long is taken over. */
  leaseSeconds: number;
  batchSize?: number;
  telemetry?: Pick<CheckoutTelemetry, 'recovery'>;
}

export interface RecoveryPass {
  /** False when another replica held the lock: this pass did nothing. */
  ran: boolean;
  confirmed: number;
  refunded: number;
  released: number;
  failedToFinish: number;
}

/**
 * Drives every unfinished checkout whose run is gone to an end: charged and
 * committed → confirmed; charged, not committed → released and refunded;
 * reserved only → released. Safe to run at any time and twice: each order is
 * leased before it is touched, and each step is idempotent at its owner.
 */
export async function recoverOnce(deps: RecoveryDeps): Promise<RecoveryPass> {
  const pass: RecoveryPass = {
    ran: false,
    confirmed: 0,
    refunded: 0,
    released: 0,
    failedToFinish: 0,
  };
  await deps.exclusively(async () => {
    pass.ran = true;
    for (;;) {
      const due = await deps.orders.leaseUnfinished(deps.leaseSeconds, deps.batchSize ?? 50);
      for (const saga of due) {
        try {
          const outcome = await deps.checkout.recover(saga);
          if (outcome !== 'ended') {
            pass[outcome]++;
            deps.telemetry?.recovery(outcome === 'confirmed' ? 'resumed' : 'compensated');
          }
          deps.logger.info({ orderId: saga.id, step: saga.step, outcome }, 'recovered checkout');
          await deps.orders.endLease(saga.id);
        } catch (err) {
          // Left leased: the next pass after the lease tries it again.
          pass.failedToFinish++;
          deps.telemetry?.recovery('abandoned');
          deps.logger.warn({ err, orderId: saga.id }, 'could not recover checkout yet');
        }
      }
      if (due.length < (deps.batchSize ?? 50)) break;
    }
  });
  return pass;
}

/** Recovers now, then every `everyMs`; the timer never keeps the process alive. Returns stop(). */
export function startRecovery(deps: RecoveryDeps, everyMs: number): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => recoverOnce(deps))
      .catch((err) => deps.logger.warn({ err }, 'recovery pass failed'));
  };
  tick();
  const timer = setInterval(tick, everyMs).unref();
  return () => clearInterval(timer);
}

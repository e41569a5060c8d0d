import type { Logger } from '@portside/service-kit';

export interface ReservationSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Releases expired holds every interval. The timer is unref'd so it never
 * keeps the process alive, and sweeps never overlap.
 */
export function startReservationSweeper(
  sweep: () => Promise<number>,
  intervalMs: number,
  logger: Logger,
): ReservationSweeper {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = sweep()
      .then((count) => {
        if (count > 0) logger.info({ count }, 'expired reservations released');
      })
      .catch((err) => logger.warn({ err }, 'reservation sweep failed; retrying next interval'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import { Counter, type Registry } from 'prom-client';

/**
 * Checkouts by outcome ("confirmed", or the problem code such as card_declined
 * or out_of_stock), so dashboards and load tests see why checkouts fail.
 * Replays are counted apart: they charge nothing.
 */
export function checkoutOutcomes(registry: Registry) {
  const counter = new Counter({
    name: 'order_checkouts_total',
    help: 'Checkout requests answered, by outcome and whether the answer was an idempotent replay.',
    labelNames: ['outcome', 'replayed'] as const,
    registers: [registry],
  });
  return (status: number, body: unknown, replayed: boolean) => {
    const code = (body as { code?: unknown } | null)?.code;
    const outcome = status === 201 ? 'confirmed' : typeof code === 'string' ? code : String(status);
    counter.inc({ outcome, replayed: String(replayed) });
  };
}

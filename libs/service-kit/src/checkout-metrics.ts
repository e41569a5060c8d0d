import type { Metrics } from './metrics';

/** How a checkout ended. */
export type CheckoutOutcome =
  'confirmed' | 'declined' | 'out_of_stock' | 'payment_error' | 'failed' | 'replayed';
/** The saga's steps, in order. */
export type CheckoutStep = 'read_cart' | 'price' | 'reserve' | 'pay' | 'confirm' | 'clear_cart';
/** What undoes a step when a later one fails. */
export type Compensation = 'release_reservation' | 'refund_payment' | 'cancel_order';
/** What recovery did with a checkout a crash left unfinished. */
export type RecoveryAction = 'resumed' | 'compensated' | 'abandoned';

export interface CheckoutMetrics {
  /** A checkout starts; call the returned function when it ends, whatever the outcome. */
  begin(): () => void;
  outcome(outcome: CheckoutOutcome): void;
  compensation(kind: Compensation): void;
  recovery(action: RecoveryAction): void;
  /** Times one step; call the returned function when it ends. */
  step(step: CheckoutStep): (result: 'ok' | 'error') => void;
}

/**
 * The checkout saga's metrics, named once here for the order service and for the
 * dashboards and alert rules in docker/observability. Every label value is
 * created at zero up front, so rates exist before the first checkout.
 */
export function createCheckoutMetrics(metrics: Metrics): CheckoutMetrics {
  const outcomes = metrics.counter({
    name: 'portside_checkout_outcomes_total',
    help: 'Checkouts finished, by outcome.',
    labelNames: ['outcome'],
  });
  const compensations = metrics.counter({
    name: 'portside_checkout_compensations_total',
    help: 'Saga steps undone after a later step failed, by compensation.',
    labelNames: ['compensation'],
  });
  const recoveries = metrics.counter({
    name: 'portside_checkout_recovery_actions_total',
    help: 'Unfinished checkouts handled by recovery, by action.',
    labelNames: ['action'],
  });
  const steps = metrics.histogram({
    name: 'portside_checkout_step_duration_seconds',
    help: 'Duration of each saga step, by step and result.',
    labelNames: ['step', 'result'],
  });
  const inFlight = metrics.gauge({
    name: 'portside_checkout_in_flight',
    help: 'Checkouts running now.',
  });

  for (const outcome of CHECKOUT_OUTCOMES) outcomes.inc({ outcome }, 0);
  for (const compensation of COMPENSATIONS) compensations.inc({ compensation }, 0);
  for (const action of RECOVERY_ACTIONS) recoveries.inc({ action }, 0);

  return {
    outcome: (outcome) => outcomes.inc({ outcome }),
    compensation: (compensation) => compensations.inc({ compensation }),
    recovery: (action) => recoveries.inc({ action }),
    begin: () => {
      inFlight.inc();
      let ended = false;
      return () => {
        if (!ended) inFlight.dec();
        ended = true;
      };
    },
    step: (step) => {
      const end = steps.startTimer({ step });
      return (result) => end({ result });
    },
  };
}

export const CHECKOUT_OUTCOMES: readonly CheckoutOutcome[] = [
  'confirmed',
  'declined',
  'out_of_stock',
  'payment_error',
  'failed',
  'replayed',
];
export const COMPENSATIONS: readonly Compensation[] = [
  'release_reservation',
  'refund_payment',
  'cancel_order',
];
export const RECOVERY_ACTIONS: readonly RecoveryAction[] = ['resumed', 'compensated', 'abandoned'];

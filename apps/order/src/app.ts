import type { Express } from 'express';
import {
  createCheckoutMetrics,
  createServiceApp,
  type Logger,
  type ServiceDefinition,
  type ServiceDeps,
} from '@portside/service-kit';
import { connectOrder, type OrderClients } from './adapters/connect';
import { orderConfigSchema, type OrderConfig } from './config';
import { Checkout } from './domain/checkout';
import { Faults } from './domain/faults';
import { startHousekeeping } from './domain/housekeeping';
import { OrderAccess } from './domain/order-access';
import { PaymentSimulator } from './domain/payment';
import type { OrderPorts } from './domain/ports';
import { recoverOnce, startRecovery, type RecoveryDeps } from './domain/saga/recovery';
import { adminRoutes } from './http/admin-routes';
import { checkoutOutcomes } from './http/checkout-metrics';
import { orderRoutes } from './http/orders-routes';

const HOUSEKEEPING_EVERY_MS = 5 * 60 * 1000;

export type OrderDeps = ServiceDeps<OrderConfig, OrderPorts>;

export interface OrderApp {
  app: Express;
  /** What runs on a timer, one replica at a time. */
  recovery: RecoveryDeps;
  faults: Faults;
}

/** Composes the order service from its ports; starts nothing, so tests can listen on port 0. */
export function createApp({ config, logger, metrics, readiness, ports }: OrderDeps): OrderApp {
  const faults = createFaults(config, logger);
  const telemetry = createCheckoutMetrics(metrics);
  const recordOutcome = checkoutOutcomes(metrics.registry);
  const { orders } = ports;
  const checkout = new Checkout({
    catalog: ports.catalog,
    cart: ports.cart,
    payments: new PaymentSimulator(ports.ledger, faults),
    orders,
    logger,
    faults,
    telemetry,
    settings: {
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      paymentTimeoutMs: config.PAYMENT_TIMEOUT_MS,
      shipping: {
        flatCents: config.SHIPPING_CENTS,
        freeOverCents: config.FREE_SHIPPING_OVER_CENTS,
      },
    },
  });
  const recovery: RecoveryDeps = {
    checkout,
    orders,
    exclusively: ports.exclusively,
    logger,
    leaseSeconds: config.CHECKOUT_LEASE_SECONDS,
    telemetry,
  };

  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => {
      app.use(
        adminRoutes({
          adminToken: config.ADMIN_TOKEN,
          reconciliation: ports.reconciliation,
          faults,
          recoverNow: () => recoverOnce(recovery),
        }),
      );
      app.use(
        orderRoutes({
          checkout,
          access: new OrderAccess(orders),
          idempotency: ports.idempotency,
          logger,
          recordOutcome: (status, body, replayed) => {
            recordOutcome(status, body, replayed);
            // A replay ran no saga: placeOrder counted the first answer already.
            if (replayed) telemetry.outcome('replayed');
          },
        }),
      );
    },
  });
  return { app, recovery, faults };
}

/** What runService starts, in main.ts and in the tests. */
export const orderService: ServiceDefinition<OrderConfig, OrderPorts, OrderClients, OrderApp> = {
  name: 'order',
  configSchema: orderConfigSchema,
  connect: connectOrder,
  createApp,
  background: ({ recovery }, { config, logger, ports }) => [
    startHousekeeping({ idempotencyKeys: ports.idempotency, logger }, HOUSEKEEPING_EVERY_MS),
    // At boot, then now and then: checkouts a dead process left unfinished are driven to an end.
    startRecovery(recovery, config.RECOVERY_INTERVAL_MS),
  ],
};

/** Fault points: off unless FAULTS or the admin call switch them on; never in production mode. */
function createFaults(config: OrderConfig, logger: Logger): Faults {
  const production = config.DEPLOYMENT_MODE === 'production';
  if (production && Object.keys(config.FAULTS).length > 0) {
    throw new Error(
      'FAULTS: fault points are refused in production mode (DEPLOYMENT_MODE=production)',
    );
  }
  return new Faults({
    allowed: !production,
    initial: config.FAULTS,
    crash: crashNow,
    onTrip: (name, mode) => {
      logger.warn({ fault: name, mode }, 'fault point tripped');
      logger.flush();
    },
  });
}

/**
 * Dies at once, like a power cut: SIGKILL to ourselves. As PID 1 of a
 * container (node started by exec-form CMD) the kernel ignores that signal,
 * so exit right away instead, still without any graceful shutdown.
 */
function crashNow(): void {
  process.kill(process.pid, 'SIGKILL');
  process.exit(137);
}

import type { Express } from 'express';
import {
  createCheckoutMetrics,
  createMetrics,
  createServiceApp,
  observePool,
  Readiness,
  type Logger,
} from '@portside/service-kit';
import type { OrderConfig } from './config';
import { advisoryLocked } from './adapters/advisory-lock';
import { HttpCartGateway } from './adapters/cart-gateway';
import { HttpCatalogGateway } from './adapters/catalog-gateway';
import { createHttpClient } from '@portside/http-client';
import { PrismaIdempotencyStore } from './adapters/idempotency-repository';
import { PrismaOrderRepository } from './adapters/order-repository';
import { PrismaPaymentLedger } from './adapters/payment-ledger';
import { poolOf, type PrismaClient } from './adapters/prisma';
import { PrismaReconciliation } from './adapters/reconciliation';
import { Checkout } from './domain/checkout';
import { Faults } from './domain/faults';
import type { CartGateway, CatalogGateway } from './domain/gateways';
import { OrderAccess } from './domain/order-access';
import { PaymentSimulator, type PaymentProvider } from './domain/payment';
import { recoverOnce, type RecoveryDeps } from './domain/saga/recovery';
import { adminRoutes } from './http/admin-routes';
import { checkoutOutcomes } from './http/checkout-metrics';
import { orderRoutes } from './http/orders-routes';

export interface OrderAppDeps {
  config: OrderConfig;
  logger: Logger;
  prisma: PrismaClient;
  /** Defaults: HTTP clients of CATALOG_URL and CART_URL. */
  catalog?: CatalogGateway;
  cart?: CartGateway;
  /** Defaults to the built-in simulator and its ledger in the order database. */
  payments?: PaymentProvider;
  /** What a `crash` fault does; defaults to SIGKILL of this process. */
  crash?: () => void;
}

export interface OrderApp {
  app: Express;
  readiness: Readiness;
  /** What main.ts runs on a timer, one replica at a time. */
  recovery: RecoveryDeps;
  faults: Faults;
}

/** Composes the order service from its dependencies; main.ts and the tests both start it. */
export function createApp(deps: OrderAppDeps): OrderApp {
  const { config, logger, prisma } = deps;
  const upstream = (name: string, baseUrl: string) =>
    createHttpClient({ name, baseUrl, timeoutMs: config.UPSTREAM_TIMEOUT_MS, retries: 2, logger });

  const faults = createFaults(config, logger, deps.crash);
  const metrics = createMetrics('order');
  const pool = poolOf(prisma);
  if (pool) observePool(metrics, 'order', () => pool);
  const telemetry = createCheckoutMetrics(metrics);
  const recordOutcome = checkoutOutcomes(metrics.registry);
  const orders = new PrismaOrderRepository(prisma);
  const checkout = new Checkout({
    catalog:
      deps.catalog ??
      new HttpCatalogGateway(upstream('catalog', config.CATALOG_URL), config.INTERNAL_TOKEN),
    cart: deps.cart ?? new HttpCartGateway(upstream('cart', config.CART_URL)),
    payments: deps.payments ?? new PaymentSimulator(new PrismaPaymentLedger(prisma), faults),
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
    exclusively: advisoryLocked(config.DATABASE_URL),
    logger,
    leaseSeconds: config.CHECKOUT_LEASE_SECONDS,
    telemetry,
  };

  const readiness = new Readiness({ database: () => prisma.$queryRaw`SELECT 1` });
  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => {
      app.use(
        adminRoutes({
          adminToken: config.ADMIN_TOKEN,
          reconciliation: new PrismaReconciliation(prisma),
          faults,
          recoverNow: () => recoverOnce(recovery),
        }),
      );
      app.use(
        orderRoutes({
          checkout,
          access: new OrderAccess(orders),
          idempotency: new PrismaIdempotencyStore(prisma, config.CHECKOUT_LEASE_SECONDS),
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
  return { app, readiness, recovery, faults };
}

/** Fault points: off unless FAULTS or the admin call switch them on; never in production mode. */
function createFaults(config: OrderConfig, logger: Logger, crash?: () => void): Faults {
  const production = config.DEPLOYMENT_MODE === 'production';
  if (production && Object.keys(config.FAULTS).length > 0) {
    throw new Error(
      'FAULTS: fault points are refused in production mode (DEPLOYMENT_MODE=production)',
    );
  }
  return new Faults({
    allowed: !production,
    initial: config.FAULTS,
    crash: crash ?? crashNow,
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

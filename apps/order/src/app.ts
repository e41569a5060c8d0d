import type { Express } from 'express';
import { createMetrics, createServiceApp, Readiness, type Logger } from '@portside/service-kit';
import type { OrderConfig } from './config';
import { HttpCartGateway } from './data/cart-gateway';
import { HttpCatalogGateway } from './data/catalog-gateway';
import { createHttpClient } from '@portside/http-client';
import { PrismaIdempotencyStore } from './data/idempotency-repository';
import { PrismaOrderRepository } from './data/order-repository';
import type { PrismaClient } from './data/prisma';
import { Checkout } from './domain/checkout';
import type { CartGateway, CatalogGateway } from './domain/gateways';
import { OrderAccess } from './domain/order-access';
import { PaymentSimulator, type PaymentProvider } from './domain/payment';
import { checkoutOutcomes } from './http/checkout-metrics';
import { orderRoutes } from './http/orders-routes';

export interface OrderAppDeps {
  config: OrderConfig;
  logger: Logger;
  prisma: PrismaClient;
  /** Defaults: HTTP clients of CATALOG_URL and CART_URL. */
  catalog?: CatalogGateway;
  cart?: CartGateway;
  /** Defaults to the built-in simulator. */
  payments?: PaymentProvider;
}

export interface OrderApp {
  app: Express;
  readiness: Readiness;
}

/** Composes the order service from its dependencies; main.ts and the tests both start it. */
export function createApp(deps: OrderAppDeps): OrderApp {
  const { config, logger, prisma } = deps;
  const upstream = (name: string, baseUrl: string) =>
    createHttpClient({ name, baseUrl, timeoutMs: config.UPSTREAM_TIMEOUT_MS, retries: 2, logger });

  const checkout = new Checkout({
    catalog:
      deps.catalog ??
      new HttpCatalogGateway(upstream('catalog', config.CATALOG_URL), config.INTERNAL_TOKEN),
    cart: deps.cart ?? new HttpCartGateway(upstream('cart', config.CART_URL)),
    payments: deps.payments ?? new PaymentSimulator(),
    orders: new PrismaOrderRepository(prisma),
    logger,
    settings: {
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      paymentTimeoutMs: config.PAYMENT_TIMEOUT_MS,
      shipping: {
        flatCents: config.SHIPPING_CENTS,
        freeOverCents: config.FREE_SHIPPING_OVER_CENTS,
      },
    },
  });

  const readiness = new Readiness({ database: () => prisma.$queryRaw`SELECT 1` });
  const metrics = createMetrics('order');
  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => {
      app.use(
        orderRoutes({
          checkout,
          access: new OrderAccess(new PrismaOrderRepository(prisma)),
          idempotency: new PrismaIdempotencyStore(prisma),
          logger,
          recordOutcome: checkoutOutcomes(metrics.registry),
        }),
      );
    },
  });
  return { app, readiness };
}

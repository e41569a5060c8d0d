import { createHttpClient } from '@portside/http-client';
import {
  observePool,
  Readiness,
  type Connected,
  type Logger,
  type Metrics,
} from '@portside/service-kit';
import type { OrderConfig } from '../config';
import type { OrderPorts } from '../domain/ports';
import { advisoryLocked } from './advisory-lock';
import { HttpCartGateway } from './cart-gateway';
import { HttpCatalogGateway } from './catalog-gateway';
import { PrismaIdempotencyStore } from './idempotency-store';
import { PrismaOrderStore } from './order-store';
import { PrismaPaymentLedger } from './payment-ledger';
import { createPrismaClient, poolOf, type PrismaClient } from './prisma';
import { PrismaReconciliation } from './reconciliation';

export interface OrderClients {
  prisma: PrismaClient;
}

/** The order's clients (PostgreSQL, catalog and cart over HTTP) and the ports over them. */
export function connectOrder(
  config: OrderConfig,
  logger: Logger,
  metrics: Metrics,
): Connected<OrderPorts, OrderClients> {
  const prisma = createPrismaClient(config.DATABASE_URL, 10, config);
  const pool = poolOf(prisma);
  if (pool) observePool(metrics, 'order', () => pool);
  const upstream = (name: string, baseUrl: string) =>
    createHttpClient({ name, baseUrl, timeoutMs: config.UPSTREAM_TIMEOUT_MS, retries: 2, logger });
  return {
    ports: {
      orders: new PrismaOrderStore(prisma),
      idempotency: new PrismaIdempotencyStore(prisma, config.CHECKOUT_LEASE_SECONDS),
      ledger: new PrismaPaymentLedger(prisma),
      reconciliation: new PrismaReconciliation(prisma),
      catalog: new HttpCatalogGateway(
        upstream('catalog', config.CATALOG_URL),
        config.INTERNAL_TOKEN,
      ),
      cart: new HttpCartGateway(upstream('cart', config.CART_URL)),
      exclusively: advisoryLocked(config.DATABASE_URL),
    },
    // The catalog and cart are not checked: their outage fails checkouts, not order lookups.
    readiness: new Readiness({ postgres: () => prisma.$queryRaw`SELECT 1` }),
    clients: { prisma },
    close: [() => prisma.$disconnect()],
  };
}

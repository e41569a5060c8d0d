import type { Express } from 'express';
import { createServiceApp, type ServiceDefinition, type ServiceDeps } from '@portside/service-kit';
import { connectCart, type CartClients } from './adapters/connect';
import { cartConfigSchema, type CartConfig } from './config';
import { CartService } from './domain/cart-service';
import type { CartPorts } from './domain/ports';
import { cartRoutes } from './http/cart-routes';

export type CartDeps = ServiceDeps<CartConfig, CartPorts>;

export interface CartApp {
  app: Express;
}

/** Composes the cart from its ports; starts nothing, so tests can listen on port 0. */
export function createApp({ config, logger, metrics, readiness, ports }: CartDeps): CartApp {
  const carts = new CartService({ store: ports.carts, catalog: ports.catalog });
  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => app.use(cartRoutes(carts)),
  });
  return { app };
}

/** What runService starts, in main.ts and in the tests. */
export const cartService: ServiceDefinition<CartConfig, CartPorts, CartClients, CartApp> = {
  name: 'cart',
  configSchema: cartConfigSchema,
  connect: connectCart,
  createApp,
};

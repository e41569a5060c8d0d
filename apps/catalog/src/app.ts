import type { Express } from 'express';
import { createServiceApp, type ServiceDefinition, type ServiceDeps } from '@portside/service-kit';
import { connectCatalog, type CatalogClients } from './adapters/connect';
import { catalogConfigSchema, type CatalogConfig } from './config';
import { Catalog } from './domain/catalog';
import type { CatalogPorts } from './domain/ports';
import { startReservationSweeper } from './domain/reservation-sweeper';
import { Reservations } from './domain/reservations';
import { Suggestions } from './domain/suggestions';
import { categoryRoutes, imageRoutes } from './http/category-routes';
import { openApiRoute } from './http/openapi-route';
import { productRoutes } from './http/product-routes';
import { reservationRoutes } from './http/reservation-routes';

export type CatalogDeps = ServiceDeps<CatalogConfig, CatalogPorts>;

export interface CatalogApp {
  app: Express;
  /** Releases expired stock holds once; runs on a timer, and by hand in tests. */
  sweepExpiredReservations: () => Promise<number>;
}

/** Composes the catalog from its ports; starts nothing, so tests can listen on port 0. */
export function createApp({ config, logger, metrics, readiness, ports }: CatalogDeps): CatalogApp {
  const { products, cache } = ports;
  const catalog = new Catalog(products, cache);
  const suggestions = new Suggestions(products, cache, () => catalog.categoryNodes());
  const reservations = new Reservations(ports.reservations, () => cache.invalidate('stock'));

  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => {
      app.use(productRoutes(catalog, suggestions, config.ADMIN_TOKEN));
      app.use(categoryRoutes(catalog));
      app.use(imageRoutes(catalog));
      app.use(openApiRoute());
      app.use(reservationRoutes(reservations, config.INTERNAL_TOKEN));
    },
  });

  return { app, sweepExpiredReservations: () => reservations.sweepExpired() };
}

/** What runService starts, in main.ts and in the tests. */
export const catalogService: ServiceDefinition<
  CatalogConfig,
  CatalogPorts,
  CatalogClients,
  CatalogApp
> = {
  name: 'catalog',
  configSchema: catalogConfigSchema,
  connect: connectCatalog,
  createApp,
  background: ({ sweepExpiredReservations }, { config, logger }) => {
    const sweeper = startReservationSweeper(
      sweepExpiredReservations,
      config.RESERVATION_SWEEP_INTERVAL_MS,
      logger,
    );
    return [() => sweeper.stop()];
  },
};

import {
  createTestDatabase,
  runServiceScript,
  startRedis,
  startServiceProcess,
  type ServiceProcess,
} from '@portside/testkit';
import { TEST_INTERNAL_TOKEN } from './order-service';

export interface RealCatalogAndCart {
  catalog: ServiceProcess;
  cart: ServiceProcess;
  adminToken: string;
  stop(): Promise<void>;
}

/** The real catalog (migrated and seeded by its own entry) and the real cart, sharing one Redis. */
export async function startRealCatalogAndCart(): Promise<RealCatalogAndCart> {
  const db = await createTestDatabase('catalog');
  const redis = await startRedis();
  const adminToken = 'test-admin-token-0123456789';
  await runServiceScript('catalog', 'migrate.ts', { DATABASE_URL: db.url });
  const catalog = await startServiceProcess('catalog', {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    ADMIN_TOKEN: adminToken,
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
  });
  const cart = await startServiceProcess('cart', {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    CATALOG_URL: catalog.url,
  });
  return {
    catalog,
    cart,
    adminToken,
    async stop() {
      await Promise.all([catalog.stop(), cart.stop()]);
      await db.drop();
    },
  };
}

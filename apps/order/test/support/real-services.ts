import { startShopServices, type ShopServices } from '@portside/testkit';
import { TEST_INTERNAL_TOKEN } from './order-service';

export interface RealCatalogAndCart {
  catalog: { url: string };
  cart: { url: string };
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * The real catalog (migrated and seeded by its own entry) and the real cart, as processes;
 * the order service is the test's own (in this process, or a process it crashes and restarts).
 */
export async function startRealCatalogAndCart(): Promise<RealCatalogAndCart> {
  const services: ShopServices = await startShopServices({
    start: ['catalog', 'cart'],
    adminToken: 'test-admin-token-0123456789',
    internalToken: TEST_INTERNAL_TOKEN,
  });
  return {
    catalog: { url: services.urls.catalog },
    cart: { url: services.urls.cart },
    adminToken: services.adminToken,
    stop: () => services.stop(),
  };
}

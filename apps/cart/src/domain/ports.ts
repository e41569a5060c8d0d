import type { CartStore } from './cart-store';
import type { CatalogGateway } from './catalog-gateway';

/** What the cart's use cases need from outside: adapters/connect.ts implements each. */
export interface CartPorts {
  carts: CartStore;
  catalog: CatalogGateway;
}

import type { CartGateway, CatalogGateway } from './gateways';
import type { HousekeepingDeps } from './housekeeping';
import type { IdempotencyStore } from './idempotency';
import type { OrderStore } from './orders';
import type { PaymentLedger } from './payment';
import type { RecoveryDeps } from './saga/recovery';
import type { Reconciliation } from './saga/reconciliation';

/** What the order's use cases need from outside: adapters/connect.ts implements each. */
export interface OrderPorts {
  orders: OrderStore;
  /** Checkout answers by key, and the purge of expired keys that housekeeping runs. */
  idempotency: IdempotencyStore & HousekeepingDeps['idempotencyKeys'];
  /** The payment simulator's charges and refunds. */
  ledger: PaymentLedger;
  reconciliation: Reconciliation;
  catalog: CatalogGateway;
  cart: CartGateway;
  /** Runs work only if no other replica is running it now (recovery). */
  exclusively: RecoveryDeps['exclusively'];
}

import type { Address, Order, OrderLine } from '@portside/contracts';

export const ORDER_HISTORY_LIMIT = 50;

/** The durable steps of a checkout, each recorded before the side effect that follows it. */
export type CheckoutStep = 'created' | 'charged' | 'confirmed' | 'compensated';

export interface NewOrder {
  email: string;
  accessTokenHash: string;
  lines: OrderLine[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  shippingAddress: Address;
  payment: { brand: string; last4: string };
  reservationId: string;
  /** The Idempotency-Key's id: a second order for the same key is refused by the database. */
  idempotencyKey: string;
  /** The access token sealed with the Idempotency-Key, for a retry that resumes the order. */
  accessTokenSealed: string;
}

/** What a saga needs to resume an order: where it got to, and what it holds. */
export interface SagaState {
  id: string;
  status: Order['status'];
  step: CheckoutStep;
  totalCents: number;
  currency: string;
  reservationId: string;
  paymentId: string | null;
  failureCode: string | null;
  accessTokenSealed: string | null;
}

/** Where orders live. Implemented with Prisma in ../data; returns plain objects. */
export interface OrderStore {
  /** Stores a pending order (step `created`); null when its Idempotency-Key already has one. */
  create(order: NewOrder): Promise<Order | null>;
  findSagaByIdempotencyKey(keyId: string): Promise<SagaState | null>;
  /** Step `charged`: the payment id is on record before the stock is committed. */
  recordCharge(orderId: string, paymentId: string): Promise<void>;
  /** Pending → confirmed; false when the order had already ended. */
  markConfirmed(orderId: string, paymentId: string): Promise<boolean>;
  /** Pending → failed (compensated); a no-op on an order that has already ended. */
  markFailed(orderId: string, failureCode: string): Promise<void>;
  findById(orderId: string): Promise<Order | null>;
  findByIdAndTokenHash(orderId: string, accessTokenHash: string): Promise<Order | null>;
  /** The orders these tokens belong to, newest first. */
  listByTokenHashes(accessTokenHashes: string[], limit: number): Promise<Order[]>;
  /**
   * Unfinished orders whose checkout is no longer driven (its process died or
   * let go), each leased to the caller for `leaseSeconds` so no one else drives it.
   */
  leaseUnfinished(leaseSeconds: number, limit: number): Promise<SagaState[]>;
  /** Lets go of an order's lease, so the client's retry need not wait for it to lapse. */
  endLease(orderId: string): Promise<void>;
}

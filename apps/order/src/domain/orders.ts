import type { Address, Order, OrderLine } from '@portside/contracts';

export const ORDER_HISTORY_LIMIT = 50;

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
}

/** Where orders live. Implemented with Prisma in ../data; returns plain objects. */
export interface OrderRepository {
  /** Stores a pending order. */
  create(order: NewOrder): Promise<Order>;
  markConfirmed(orderId: string, paymentId: string): Promise<void>;
  markFailed(orderId: string, failureCode: string): Promise<void>;
  findByIdAndTokenHash(orderId: string, accessTokenHash: string): Promise<Order | null>;
  findEmailByTokenHash(accessTokenHash: string): Promise<string | null>;
  /** Newest first. */
  listByEmail(email: string, limit: number): Promise<Order[]>;
  /** Fails orders still pending since before `createdBefore` (their process died mid-checkout). */
  failAbandoned(createdBefore: Date): Promise<number>;
}

import { randomUUID } from 'node:crypto';
import type { Order } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type {
  CartGateway,
  CartSnapshot,
  CatalogGateway,
  CommitOutcome,
  ReleaseOutcome,
  ReserveOutcome,
  StockReservation,
} from '../gateways';
import type { NewOrder, OrderStore, SagaState } from '../orders';
import type { LedgerEntry, NewLedgerEntry, PaymentLedger } from '../payment';

/** Test doubles behind the domain's interfaces, for unit specs of the saga. */

const unavailable = (what: string) =>
  new AppError('unavailable', `${what} is unavailable`, { code: `${what}_unavailable` });

export class FakeCart implements CartGateway {
  carts = new Map<string, CartSnapshot>();
  cleared: string[] = [];
  down = false;
  clearFails = false;

  async getCart(cartId: string) {
    if (this.down) throw unavailable('cart');
    return this.carts.get(cartId) ?? null;
  }

  names = new Map<string, string>();

  async productNames() {
    return this.names;
  }

  async clearCart(cartId: string) {
    if (this.clearFails) throw unavailable('cart');
    this.cleared.push(cartId);
  }
}

export class FakeCatalog implements CatalogGateway {
  prices = new Map<string, number>();
  outOfStock = new Set<string>();
  unknown = new Set<string>();
  reservations = new Map<string, StockReservation & { state: 'held' | 'committed' | 'released' }>();
  reserveDown = false;
  commitDown = false;
  commitGone = false;
  releaseDown = false;

  async reserve(lines: Array<{ productId: string; quantity: number }>): Promise<ReserveOutcome> {
    if (this.reserveDown) throw unavailable('catalog');
    const gone = lines.filter((l) => this.unknown.has(l.productId)).map((l) => l.productId);
    if (gone.length) return { ok: false, reason: 'product_unavailable', productIds: gone };
    const short = lines.filter((l) => this.outOfStock.has(l.productId)).map((l) => l.productId);
    if (short.length) return { ok: false, reason: 'out_of_stock', productIds: short };
    const reservation = {
      id: randomUUID(),
      lines: lines.map((l) => ({
        ...l,
        name: `Product ${l.productId.slice(0, 4)}`,
        unitPriceCents: this.prices.get(l.productId) ?? 1000,
      })),
    };
    this.reservations.set(reservation.id, { ...reservation, state: 'held' });
    return { ok: true, reservation };
  }

  async commit(id: string): Promise<CommitOutcome> {
    if (this.commitDown) throw unavailable('catalog');
    if (this.commitGone) return 'gone';
    this.reservations.get(id)!.state = 'committed';
    return 'committed';
  }

  async release(id: string): Promise<ReleaseOutcome> {
    if (this.releaseDown) throw unavailable('catalog');
    const reservation = this.reservations.get(id)!;
    if (reservation.state === 'committed') return 'committed';
    reservation.state = 'released';
    return 'released';
  }

  states() {
    return [...this.reservations.values()].map((r) => r.state);
  }
}

type StoredOrder = Order & {
  accessTokenHash: string;
  failureCode: string | null;
  step: SagaState['step'];
  reservationId: string;
  paymentId: string | null;
  idempotencyKey: string;
  accessTokenSealed: string;
};

export class InMemoryOrders implements OrderStore {
  orders = new Map<string, StoredOrder>();
  createFails = false;

  async create(o: NewOrder) {
    if (this.createFails) throw new Error('database is down');
    if (this.all().some((x) => x.idempotencyKey === o.idempotencyKey)) return null;
    const order: StoredOrder = {
      id: randomUUID(),
      status: 'pending' as const,
      email: o.email,
      lines: o.lines,
      subtotalCents: o.subtotalCents,
      shippingCents: o.shippingCents,
      totalCents: o.totalCents,
      currency: 'USD' as const,
      shippingAddress: o.shippingAddress,
      payment: o.payment,
      createdAt: new Date().toISOString(),
      accessTokenHash: o.accessTokenHash,
      failureCode: null,
      step: 'created',
      reservationId: o.reservationId,
      paymentId: null,
      idempotencyKey: o.idempotencyKey,
      accessTokenSealed: o.accessTokenSealed,
    };
    this.orders.set(order.id, order);
    return strip(order);
  }

  async findSagaByIdempotencyKey(keyId: string) {
    const order = this.all().find((o) => o.idempotencyKey === keyId);
    return order ? sagaOf(order) : null;
  }

  async recordCharge(id: string, paymentId: string) {
    const order = this.orders.get(id)!;
    if (order.status !== 'pending') return;
    order.step = 'charged';
    order.paymentId = paymentId;
  }

  async markConfirmed(id: string, paymentId: string) {
    const order = this.orders.get(id)!;
    if (order.status !== 'pending') return false;
    Object.assign(order, { status: 'confirmed', step: 'confirmed', paymentId });
    return true;
  }

  async markFailed(id: string, failureCode: string) {
    const order = this.orders.get(id)!;
    if (order.status !== 'pending') return;
    Object.assign(order, { status: 'failed', step: 'compensated', failureCode });
  }

  async findById(id: string) {
    const order = this.orders.get(id);
    return order ? strip(order) : null;
  }

  async findByIdAndTokenHash(id: string, hash: string) {
    const order = this.orders.get(id);
    return order && order.accessTokenHash === hash ? strip(order) : null;
  }

  async listByTokenHashes(hashes: string[], limit: number) {
    return this.all()
      .filter((o) => hashes.includes(o.accessTokenHash))
      .reverse()
      .slice(0, limit)
      .map(strip);
  }

  async leaseUnfinished() {
    return this.all()
      .filter((o) => o.status === 'pending')
      .map(sagaOf);
  }

  async endLease() {}

  all() {
    return [...this.orders.values()];
  }
}

function sagaOf(o: StoredOrder): SagaState {
  return {
    id: o.id,
    status: o.status,
    step: o.step,
    totalCents: o.totalCents,
    currency: o.currency,
    reservationId: o.reservationId,
    paymentId: o.paymentId,
    failureCode: o.failureCode,
    accessTokenSealed: o.accessTokenSealed,
  };
}

function strip(order: StoredOrder): Order {
  const {
    accessTokenHash: _hash,
    failureCode: _code,
    step: _step,
    reservationId: _reservation,
    paymentId: _payment,
    idempotencyKey: _key,
    accessTokenSealed: _sealed,
    ...rest
  } = order;
  return rest;
}

/** The provider's ledger in memory: the first entry for a key wins, as in its tables. */
export class InMemoryLedger implements PaymentLedger {
  entries = new Map<string, NewLedgerEntry>();
  refunds = new Set<string>();

  async record(entry: NewLedgerEntry): Promise<LedgerEntry> {
    if (!this.entries.has(entry.idempotencyKey)) this.entries.set(entry.idempotencyKey, entry);
    return this.entries.get(entry.idempotencyKey)!;
  }

  async refund(paymentId: string) {
    this.refunds.add(paymentId);
  }

  charged(): string[] {
    return [...this.entries.values()].flatMap((e) =>
      e.status === 'succeeded' ? [e.paymentId] : [],
    );
  }
}

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

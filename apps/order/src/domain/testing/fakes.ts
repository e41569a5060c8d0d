import { randomUUID } from 'node:crypto';
import type { Order } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type {
  CartGateway,
  CartSnapshot,
  CatalogGateway,
  CommitOutcome,
  ReserveOutcome,
  StockReservation,
} from '../gateways';
import type { NewOrder, OrderRepository } from '../orders';

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

  async release(id: string) {
    if (this.releaseDown) throw unavailable('catalog');
    this.reservations.get(id)!.state = 'released';
  }

  states() {
    return [...this.reservations.values()].map((r) => r.state);
  }
}

export class InMemoryOrders implements OrderRepository {
  orders = new Map<string, Order & { accessTokenHash: string; failureCode?: string }>();
  createFails = false;

  async create(o: NewOrder) {
    if (this.createFails) throw new Error('database is down');
    const order = {
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
    };
    this.orders.set(order.id, order);
    return strip(order);
  }

  async markConfirmed(id: string) {
    const order = this.orders.get(id)!;
    order.status = 'confirmed';
  }

  async markFailed(id: string, failureCode: string) {
    const order = this.orders.get(id)!;
    order.status = 'failed';
    order.failureCode = failureCode;
  }

  async findByIdAndTokenHash(id: string, hash: string) {
    const order = this.orders.get(id);
    return order && order.accessTokenHash === hash ? strip(order) : null;
  }

  async findEmailByTokenHash(hash: string) {
    return [...this.orders.values()].find((o) => o.accessTokenHash === hash)?.email ?? null;
  }

  async listByEmail(email: string, limit: number) {
    return [...this.orders.values()]
      .filter((o) => o.email === email)
      .reverse()
      .slice(0, limit)
      .map(strip);
  }

  async failAbandoned(createdBefore: Date) {
    let count = 0;
    for (const order of this.orders.values()) {
      if (order.status === 'pending' && new Date(order.createdAt) < createdBefore) {
        order.status = 'failed';
        order.failureCode = 'abandoned';
        count++;
      }
    }
    return count;
  }

  all() {
    return [...this.orders.values()];
  }
}

function strip(order: Order & { accessTokenHash: string; failureCode?: string }): Order {
  const { accessTokenHash: _hash, failureCode: _code, ...rest } = order;
  return rest;
}

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

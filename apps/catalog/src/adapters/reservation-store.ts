import type { Reservation } from '@portside/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { ReservationLineInput } from '../domain/types';
import type { ReservationStore, ReserveOutcome, SettleOutcome } from '../domain/ports';

type Tx = Prisma.TransactionClient;

/** Refused inside the transaction so nothing of it stays. */
class Refused extends Error {
  constructor(readonly outcome: ReserveOutcome) {
    super(outcome.kind);
  }
}

// Enough for fifty checkouts queueing on one product's row lock.
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * Stock holds in PostgreSQL. Products are always locked in id order so
 * concurrent reservations, releases and sweeps cannot deadlock; the
 * conditional UPDATE and the CHECK (stock >= 0) constraint make overselling
 * impossible whatever the application does.
 */
export class PrismaReservationStore implements ReservationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async reserve(lines: ReservationLineInput[], ttlSeconds: number): Promise<ReserveOutcome> {
    const ids = lines.map((l) => l.productId);
    const quantities = lines.map((l) => l.quantity);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const products = await tx.$queryRaw<Array<{ id: string; stock: number }>>`
          SELECT id, stock FROM products WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
        const stockById = new Map(products.map((p) => [p.id, p.stock]));
        const unknown = ids.filter((id) => !stockById.has(id));
        if (unknown.length) throw new Refused({ kind: 'unknown_products', productIds: unknown });
        const short = lines.filter((l) => (stockById.get(l.productId) ?? 0) < l.quantity);
        if (short.length) {
          throw new Refused({ kind: 'out_of_stock', productIds: short.map((l) => l.productId) });
        }

        const taken = await tx.$executeRaw`
          UPDATE products p SET stock = p.stock - l.quantity, updated_at = now()
          FROM unnest(${ids}::uuid[], ${quantities}::int[]) AS l(id, quantity)
          WHERE p.id = l.id AND p.stock >= l.quantity`;
        if (taken !== lines.length) throw new Error('stock changed under a row lock');

        const [created] = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO reservations (id, status, expires_at, updated_at)
          VALUES (gen_random_uuid(), 'pending', now() + make_interval(secs => ${ttlSeconds}), now())
          RETURNING id`;
        const reservationId = (created as { id: string }).id;
        await tx.$executeRaw`
          INSERT INTO reservation_lines (reservation_id, product_id, name, quantity, unit_price_cents)
          SELECT ${reservationId}::uuid, p.id, p.name, l.quantity, p.price_cents
          FROM unnest(${ids}::uuid[], ${quantities}::int[]) AS l(id, quantity)
          JOIN products p ON p.id = l.id`;
        return {
          kind: 'reserved' as const,
          reservation: (await this.read(tx, reservationId)) as Reservation,
        };
      }, TX_OPTIONS);
    } catch (err) {
      if (err instanceof Refused) return err.outcome;
      throw err;
    }
  }

  /** Commits a pending hold; a hold found past its expiry is expired here instead. */
  commit(id: string): Promise<SettleOutcome> {
    return this.settle(id, async (tx, status, expired) => {
      if (status === 'committed') return 'done';
      if (status !== 'pending') return 'conflict';
      if (expired) {
        await this.giveBack(tx, [id], 'expired');
        return 'conflict';
      }
      await tx.$executeRaw`
        UPDATE reservations SET status = 'committed', updated_at = now() WHERE id = ${id}::uuid`;
      return 'done';
    });
  }

  /** Gives the stock of a pending hold back; releasing twice is a no-op. */
  release(id: string): Promise<SettleOutcome> {
    return this.settle(id, async (tx, status) => {
      if (status === 'released' || status === 'expired') return 'done';
      if (status === 'committed') return 'conflict';
      await this.giveBack(tx, [id], 'released');
      return 'done';
    });
  }

  /**
   * Expires a batch of pending holds past their time. SKIP LOCKED lets
   * several replicas sweep at once without waiting on, or double-releasing,
   * each other's rows.
   */
  async sweepExpired(batchSize = 100): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM reservations
        WHERE status = 'pending' AND expires_at <= now()
        ORDER BY expires_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (due.length)
        await this.giveBack(
          tx,
          due.map((r) => r.id),
          'expired',
        );
      return due.length;
    }, TX_OPTIONS);
  }

  private async settle(
    id: string,
    decide: (
      tx: Tx,
      status: Reservation['status'],
      expired: boolean,
    ) => Promise<'done' | 'conflict'>,
  ): Promise<SettleOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ status: Reservation['status']; expired: boolean }>>`
        SELECT status, expires_at <= now() AS expired FROM reservations WHERE id = ${id}::uuid FOR UPDATE`;
      if (!row) return { kind: 'not_found' as const };
      const verdict = await decide(tx, row.status, row.expired);
      return { kind: verdict, reservation: (await this.read(tx, id)) as Reservation };
    }, TX_OPTIONS);
  }

  /** Returns the held quantities to stock and closes the holds. Caller holds the reservation rows. */
  private async giveBack(tx: Tx, reservationIds: string[], status: 'released' | 'expired') {
    await tx.$queryRaw`
      SELECT p.id FROM products p
      WHERE p.id IN (SELECT product_id FROM reservation_lines WHERE reservation_id = ANY(${reservationIds}::uuid[]))
      ORDER BY p.id FOR UPDATE`;
    await tx.$executeRaw`
      UPDATE products p SET stock = p.stock + held.quantity, updated_at = now()
      FROM (
        SELECT product_id, sum(quantity)::int AS quantity FROM reservation_lines
        WHERE reservation_id = ANY(${reservationIds}::uuid[]) GROUP BY product_id
      ) held
      WHERE p.id = held.product_id`;
    await tx.$executeRaw`
      UPDATE reservations SET status = ${status}::reservation_status, updated_at = now()
      WHERE id = ANY(${reservationIds}::uuid[])`;
  }

  /** One query, lines aggregated in PostgreSQL: every reserve and commit answers with it. */
  private async read(tx: Tx, id: string): Promise<Reservation | null> {
    const [found] = await tx.$queryRaw<
      Array<{ id: string; status: Reservation['status']; expiresAt: Date; lines: unknown }>
    >`
      SELECT r.id, r.status, r.expires_at AS "expiresAt",
             COALESCE((SELECT json_agg(json_build_object(
                         'productId', l.product_id, 'name', l.name,
                         'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents)
                       ORDER BY l.product_id)
                       FROM reservation_lines l WHERE l.reservation_id = r.id), '[]') AS lines
      FROM reservations r WHERE r.id = ${id}::uuid`;
    if (!found) return null;
    const lines = (
      typeof found.lines === 'string' ? JSON.parse(found.lines) : found.lines
    ) as Reservation['lines'];
    return {
      id: found.id,
      status: found.status,
      expiresAt: found.expiresAt.toISOString(),
      lines,
    };
  }
}

import type { Reservation } from '@portside/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { ReservationLineInput } from '../domain/types';
import type { ReservationStore, ReserveOutcome, SettleOutcome } from '../domain/ports';

type Tx = Prisma.TransactionClient;

/** A hold's lines as JSON, from rows `l` with reservation_lines' columns, in product order. */
const LINES_JSON = Prisma.sql`json_agg(json_build_object(
  'productId', l.product_id, 'name', l.name, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents)
  ORDER BY l.product_id)`;

/** A json_agg answer, whether the driver parsed it or not. */
const jsonOf = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const linesOf = (value: unknown) => jsonOf<Reservation['lines']>(value);

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

  /**
   * One statement, so the products' row locks are held for one round trip and
   * the commit, not for a transaction's seven: it locks the products in id
   * order, and only when every line is known and in stock takes the stock,
   * creates the hold and its lines at the catalog price. Otherwise it writes
   * nothing and answers the stock it found, to name what was refused. The
   * stock is taken unconditionally under the locks: should it ever fall short
   * anyway, the CHECK (stock >= 0) fails the whole statement, hold and all.
   */
  async reserve(lines: ReservationLineInput[], ttlSeconds: number): Promise<ReserveOutcome> {
    const ids = lines.map((l) => l.productId);
    const quantities = lines.map((l) => l.quantity);
    const [row] = await this.prisma.$queryRaw<
      Array<{
        found: unknown;
        id: string | null;
        status: Reservation['status'] | null;
        expiresAt: Date | null;
        lines: unknown;
      }>
    >`
      WITH wanted AS (
        SELECT id, quantity FROM unnest(${ids}::uuid[], ${quantities}::int[]) AS l(id, quantity)
      ), locked AS MATERIALIZED (
        SELECT p.id, p.stock FROM products p WHERE p.id = ANY(${ids}::uuid[]) ORDER BY p.id FOR UPDATE
      ), verdict AS MATERIALIZED (
        SELECT count(l.id) = cardinality(${ids}::uuid[]) AND bool_and(l.stock >= w.quantity) AS ok
        FROM wanted w LEFT JOIN locked l ON l.id = w.id
      ), taken AS (
        UPDATE products p SET stock = p.stock - w.quantity, updated_at = now()
        FROM wanted w, verdict v
        WHERE v.ok AND p.id = w.id
        RETURNING p.id, p.name, p.price_cents, w.quantity
      ), created AS (
        INSERT INTO reservations (id, status, expires_at, updated_at)
        SELECT gen_random_uuid(), 'pending', now() + make_interval(secs => ${ttlSeconds}), now()
        FROM verdict WHERE ok
        RETURNING id, status, expires_at
      ), held AS (
        INSERT INTO reservation_lines (reservation_id, product_id, name, quantity, unit_price_cents)
        SELECT c.id, t.id, t.name, t.quantity, t.price_cents FROM created c, taken t
        RETURNING product_id, name, quantity, unit_price_cents
      )
      SELECT (SELECT COALESCE(json_agg(json_build_object('id', id, 'stock', stock)), '[]') FROM locked) AS found,
             c.id, c.status, c.expires_at AS "expiresAt", (SELECT ${LINES_JSON} FROM held l) AS lines
      FROM (SELECT 1) AS one LEFT JOIN created c ON true`;
    if (row?.id && row.status && row.expiresAt && row.lines) {
      const reservation = {
        id: row.id,
        status: row.status,
        expiresAt: row.expiresAt.toISOString(),
        lines: linesOf(row.lines),
      };
      return { kind: 'reserved', reservation };
    }
    const found = jsonOf<Array<{ id: string; stock: number }>>(row?.found ?? '[]');
    const stockById = new Map(found.map((p) => [p.id, p.stock]));
    const unknown = ids.filter((id) => !stockById.has(id));
    if (unknown.length) return { kind: 'unknown_products', productIds: unknown };
    const short = lines.filter((l) => (stockById.get(l.productId) ?? 0) < l.quantity);
    return { kind: 'out_of_stock', productIds: short.map((l) => l.productId) };
  }

  /** Commits a pending hold; a hold found past its expiry is expired here instead. */
  async commit(id: string): Promise<SettleOutcome> {
    const committed = await this.commitIfPending(id);
    if (committed) return { kind: 'done', reservation: committed };
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

  /**
   * A checkout's commit, the usual case, in one statement: a pending hold
   * within its time becomes committed. Anything else (unknown, settled,
   * overdue) is left to the transaction in commit().
   */
  private async commitIfPending(id: string): Promise<Reservation | undefined> {
    const [row] = await this.prisma.$queryRaw<
      Array<{ id: string; expiresAt: Date; lines: unknown }>
    >`
      WITH done AS (
        UPDATE reservations SET status = 'committed', updated_at = now()
        WHERE id = ${id}::uuid AND status = 'pending' AND expires_at > now()
        RETURNING id, expires_at
      )
      SELECT d.id, d.expires_at AS "expiresAt",
             (SELECT ${LINES_JSON} FROM reservation_lines l WHERE l.reservation_id = d.id) AS lines
      FROM done d`;
    if (!row) return undefined;
    const { expiresAt, lines } = row;
    return { id, status: 'committed', expiresAt: expiresAt.toISOString(), lines: linesOf(lines) };
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
             COALESCE((SELECT ${LINES_JSON} FROM reservation_lines l WHERE l.reservation_id = r.id), '[]') AS lines
      FROM reservations r WHERE r.id = ${id}::uuid`;
    if (!found) return null;
    return {
      id: found.id,
      status: found.status,
      expiresAt: found.expiresAt.toISOString(),
      lines: linesOf(found.lines),
    };
  }
}

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

type Step = 'reserve' | 'commit' | 'release';

interface FakeProduct {
  name: string;
  priceCents: number;
  stock: number;
}

interface FakeReservation {
  lines: Array<{ productId: string; quantity: number }>;
  state: 'pending' | 'committed' | 'released';
}

/**
 * A real HTTP server standing in for catalog's internal reservation API:
 * all-or-nothing holds on in-memory stock, and switches to make a step fail.
 */
export class FakeCatalog {
  readonly products = new Map<string, FakeProduct>();
  readonly reservations = new Map<string, FakeReservation>();
  /** Steps that answer 503 until removed. */
  readonly failing = new Set<Step>();
  /** When set, reservation answers wait for it: lets a test hold a checkout in flight. */
  hold: Promise<void> | undefined;
  /** Resolves whenever a reservation request arrives. */
  onReserve: (() => void) | undefined;
  private server: Server | undefined;

  url = '';

  async start(): Promise<this> {
    const app = express();
    app.use(express.json());
    app.post('/internal/reservations', async (req, res) => {
      this.onReserve?.();
      if (this.hold) await this.hold;
      if (this.failing.has('reserve')) return unavailable(res);
      const lines = req.body.lines as FakeReservation['lines'];
      const short = lines.filter((l) => (this.products.get(l.productId)?.stock ?? 0) < l.quantity);
      if (short.length) {
        return res
          .status(409)
          .type('application/problem+json')
          .json({
            type: '/problems/out-of-stock',
            title: 'Conflict',
            status: 409,
            code: 'out_of_stock',
            productIds: short.map((l) => l.productId),
          });
      }
      for (const l of lines) this.products.get(l.productId)!.stock -= l.quantity;
      const id = randomUUID();
      this.reservations.set(id, { lines, state: 'pending' });
      res.status(201).json({
        id,
        status: 'pending',
        expiresAt: new Date(Date.now() + req.body.ttlSeconds * 1000).toISOString(),
        lines: lines.map((l) => {
          const p = this.products.get(l.productId)!;
          return {
            productId: l.productId,
            name: p.name,
            quantity: l.quantity,
            unitPriceCents: p.priceCents,
          };
        }),
      });
    });
    app.post('/internal/reservations/:id/:action', (req, res) => {
      const action = req.params.action as 'commit' | 'release';
      if (this.failing.has(action)) return unavailable(res);
      const reservation = this.reservations.get(req.params.id);
      if (!reservation) return res.status(404).json({ status: 404, title: 'Not found' });
      // As the catalog: settling twice the same way is a no-op; the other way is a conflict.
      const settled = action === 'commit' ? 'committed' : 'released';
      if (reservation.state === settled) return res.json({ id: req.params.id, status: settled });
      if (reservation.state !== 'pending') {
        return res
          .status(409)
          .json({ status: 409, title: 'Conflict', reservationStatus: reservation.state });
      }
      if (action === 'release') {
        for (const l of reservation.lines) this.products.get(l.productId)!.stock += l.quantity;
      }
      reservation.state = action === 'commit' ? 'committed' : 'released';
      res.json({ id: req.params.id, status: reservation.state });
    });
    this.server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  addProduct(id: string, product: FakeProduct) {
    this.products.set(id, product);
  }

  stockOf(id: string) {
    return this.products.get(id)?.stock;
  }

  /** Reservations still holding stock: after any checkout settles there should be none. */
  pendingReservations() {
    return [...this.reservations.values()].filter((r) => r.state === 'pending').length;
  }

  statesOfReservations() {
    return [...this.reservations.values()].map((r) => r.state);
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function unavailable(res: express.Response) {
  res
    .status(503)
    .type('application/problem+json')
    .json({ status: 503, title: 'Service unavailable' });
}

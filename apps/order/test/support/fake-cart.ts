import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Cart } from '@portside/contracts';

interface FakeCartLine {
  productId: string;
  name: string;
  quantity: number;
  /** What the cart shows; checkout must ignore it and charge the catalog's price. */
  unitPriceCents: number;
}

/** A real HTTP server standing in for the cart service's GET /api/carts/:id (and its /lines) and DELETE. */
export class FakeCart {
  readonly carts = new Map<string, FakeCartLine[]>();
  readonly cleared: string[] = [];
  down = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    const app = express();
    app.get('/api/carts/:id/lines', (req, res) => {
      if (this.down) return res.status(503).json({ status: 503 });
      const lines = this.carts.get(req.params.id);
      if (!lines) return res.status(404).type('application/problem+json').json({ status: 404 });
      res.json({
        id: req.params.id,
        lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
      });
    });
    app.get('/api/carts/:id', (req, res) => {
      const lines = this.carts.get(req.params.id);
      if (!lines) return res.status(404).type('application/problem+json').json({ status: 404 });
      res.json(toCart(req.params.id, lines));
    });
    app.delete('/api/carts/:id', (req, res) => {
      if (this.down) return res.status(503).json({ status: 503 });
      this.cleared.push(req.params.id);
      this.carts.delete(req.params.id);
      res.status(204).end();
    });
    this.server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A new cart holding these lines; returns its id. */
  add(lines: FakeCartLine[]): string {
    const id = randomBytes(18).toString('base64url');
    this.carts.set(id, lines);
    return id;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
function toCart(id: string, lines: FakeCartLine[]): Cart {
  const cartLines = lines.map((l, i) => ({
    productId: l.productId,
    slug: `product-${i + 1}`,
    name: l.name,
    imageUrl: `/api/images/products/product-${i + 1}.svg`,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    lineTotalCents: l.unitPriceCents * l.quantity,
    stock: 100,
  }));
  return {
    id,
    lines: cartLines,
    itemCount: cartLines.reduce((n, l) => n + l.quantity, 0),
    subtotalCents: cartLines.reduce((n, l) => n + l.lineTotalCents, 0),
    currency: 'USD',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };
}

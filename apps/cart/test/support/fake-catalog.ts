import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Product } from '@portside/contracts';

/**
 * A small catalog behind real HTTP, answering the two reads the cart makes
 * with real JSON in the catalog's contract shape. The real catalog has its
 * own tests; this one lets cart tests choose prices, stock and outages.
 */
export interface FakeCatalog {
  url: string;
  add(overrides?: Partial<Product>): Product;
  setStock(productId: string, stock: number): void;
  remove(productId: string): void;
  /** Every answer becomes a 503 until called again with false. */
  failAll(failing: boolean): void;
  /** Holds product requests until the returned function is called; resolves `arrived` when one comes in. */
  holdRequests(): { arrived: Promise<void>; release: () => void };
  /** Paths (with query) of the requests received, in order. */
  readonly requests: string[];
  /** The x-request-id each request carried, in the same order. */
  readonly requestIds: (string | undefined)[];
  close(): Promise<void>;
}

export async function startFakeCatalog(): Promise<FakeCatalog> {
  const products = new Map<string, Product>();
  const requests: string[] = [];
  const requestIds: (string | undefined)[] = [];
  let failing = false;
  let hold: { gate: Promise<void>; onArrival: () => void } | undefined;

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
  };

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://catalog');
    if (failing)
      return send(
        res,
        503,
        { title: 'Service unavailable', status: 503 },
        'application/problem+json',
      );
    if (req.method === 'GET' && url.pathname === '/api/products') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      const items = ids.flatMap((id) => products.get(id) ?? []);
      return send(res, 200, { items, nextCursor: null });
    }
    const one = /^\/api\/products\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one?.[1]) {
      const product = products.get(decodeURIComponent(one[1]));
      if (product) return send(res, 200, product);
      return send(res, 404, { title: 'Not found', status: 404 }, 'application/problem+json');
    }
    send(res, 404, { title: 'Not found', status: 404 }, 'application/problem+json');
  };

  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    requestIds.push(req.headers['x-request-id'] as string | undefined);
    const held = hold;
    if (!held) return answer(req, res);
    held.onArrival();
    void held.gate.then(() => answer(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let counter = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestIds,
    add(overrides = {}) {
      counter += 1;
      const now = new Date().toISOString();
      const product: Product = {
        id: randomUUID(),
        slug: `test-product-${counter}`,
        name: `Test product ${counter}`,
        description: 'A product the cart tests put in carts.',
        priceCents: 1000 * counter,
        currency: 'USD',
        imageUrl: `/api/images/products/test-product-${counter}.svg`,
        stock: 10,
        category: { id: randomUUID(), slug: 'test-category', name: 'Test category' },
        createdAt: now,
        updatedAt: now,
        ...overrides,
      };
      products.set(product.id, product);
      return product;
    },
    setStock(productId, stock) {
      const product = products.get(productId);
      if (product) products.set(productId, { ...product, stock });
    },
    remove: (productId) => void products.delete(productId),
    failAll: (value) => void (failing = value),
    holdRequests() {
      let release!: () => void;
      let onArrival!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const arrived = new Promise<void>((resolve) => (onArrival = resolve));
      hold = { gate, onArrival };
      return {
        arrived,
        release: () => {
          hold = undefined;
          release();
        },
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

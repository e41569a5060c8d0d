import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  freePort,
  runServiceScript,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from '@portside/testkit';

const PG = (
  process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
).replace(/\/[^/]*$/, '');
const REDIS = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export const FAULT_TOKEN = `observe-${randomBytes(12).toString('hex')}`;

/**
 * catalog, cart and order from their own entry points, against this machine's
 * PostgreSQL and Redis (databases and keys named after the run), tracing to
 * the given OTLP endpoint, with fault switches on.
 */
export async function startServices(run: string, otlpEndpoint: string) {
  const databases = {
    catalog: `portside_observe_${run}_catalog`,
    orders: `portside_observe_${run}_orders`,
  };
  const ports = { catalog: await freePort(), cart: await freePort(), order: await freePort() };
  const urls = {
    catalog: `http://127.0.0.1:${ports.catalog}`,
    cart: `http://127.0.0.1:${ports.cart}`,
    order: `http://127.0.0.1:${ports.order}`,
  };
  const started: ServiceProcess[] = [];
  // The token order presents on catalog's internal routes; each service requires one.
  const internalToken = randomBytes(16).toString('hex');
  const observed = (service: ServiceName) => ({
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
    OTEL_SERVICE_NAME: service,
    FAULT_SWITCHES_TOKEN: FAULT_TOKEN,
  });
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    for (const name of Object.values(databases)) {
      await promisify(execFile)('psql', [
        `${PG}/postgres`,
        '-q',
        '-c',
        `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      ]).catch(() => undefined);
    }
  };
  const start = async (service: ServiceName, env: Record<string, string>) => {
    started.push(
      await startServiceProcess(service, { ...observed(service), ...env }, ports[service]),
    );
  };
  try {
    await Promise.all([
      runServiceScript('catalog', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.catalog}` }),
      runServiceScript('order', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.orders}` }),
    ]);
    await Promise.all([
      start('catalog', {
        DATABASE_URL: `${PG}/${databases.catalog}`,
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `observe_${run}:catalog:`,
        ADMIN_TOKEN: randomBytes(16).toString('hex'),
        INTERNAL_TOKEN: internalToken,
      }),
      start('cart', {
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `observe_${run}:cart:`,
        CATALOG_URL: urls.catalog,
      }),
      start('order', {
        DATABASE_URL: `${PG}/${databases.orders}`,
        CATALOG_URL: urls.catalog,
        CART_URL: urls.cart,
        INTERNAL_TOKEN: internalToken,
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop, postgresUrl: `${PG}/postgres` };
}

export type Urls = Awaited<ReturnType<typeof startServices>>['urls'];

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/** The products to shop with: the first page of the seeded catalog. */
export async function products(urls: Urls): Promise<Array<{ id: string; slug: string }>> {
  const page = await call(`${urls.catalog}/api/products?limit=10`);
  return page.body.items;
}

/** One shopper: a cart with a product, then a checkout with the card that succeeds. */
export async function checkout(
  urls: Urls,
  productId: string,
  headers: Record<string, string> = {},
) {
  const cart = await call(`${urls.cart}/api/carts`, { method: 'POST', headers });
  const cartId = cart.body.id as string;
  await call(`${urls.cart}/api/carts/${cartId}/items/${productId}`, {
    method: 'PUT',
    body: JSON.stringify({ quantity: 1 }),
  });
  const order = await call(`${urls.order}/api/orders`, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID(), ...headers },
    body: JSON.stringify({
      cartId,
      email: 'ada@example.com',
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '12 Analytical Way',
        city: 'London',
        postalCode: 'N1 9GU',
        country: 'gb',
      },
      payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' },
    }),
  });
  return order;
}

/**
 * A short, bounded load over every journey's routes (the k6 journeys, sent
 * straight to the services): browse, view a product and its image, add to a
 * cart, check out, read the order, and one miss.
 */
export async function shortLoad(urls: Urls, rounds: number): Promise<number[]> {
  const items = await products(urls);
  const statuses: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const product = items[i % items.length] as { id: string; slug: string };
    const answers = await Promise.all([
      call(`${urls.catalog}/api/categories`),
      call(`${urls.catalog}/api/products?sort=price&limit=24`),
      call(`${urls.catalog}/api/products/${product.slug}`),
      call(`${urls.catalog}/api/images/products/${product.slug}.svg`),
      call(`${urls.catalog}/api/products/no-such-product-${i}`),
    ]);
    statuses.push(...answers.map((a) => a.status));
    if (i % 4 === 0) {
      const order = await checkout(urls, product.id);
      statuses.push(order.status);
      if (order.status === 201) {
        const read = await call(`${urls.order}/api/orders/${order.body.id}`, {
          headers: { authorization: `Bearer ${order.body.accessToken}` },
        });
        statuses.push(read.status);
      }
    }
  }
  return statuses;
}

export async function setFaults(serviceUrl: string, faults: unknown[]) {
  return call(`${serviceUrl}/admin/faults`, {
    method: faults.length ? 'PUT' : 'DELETE',
    headers: { authorization: `Bearer ${FAULT_TOKEN}` },
    body: faults.length ? JSON.stringify({ faults }) : undefined,
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { TestDatabase } from '@portside/testkit';
import { checkoutBody, placeOrder } from './support/checkout-client';
import { FakeCart } from './support/fake-cart';
import { FakeCatalog } from './support/fake-catalog';
import { migratedTestDatabase, ORDER_ROOT, TEST_INTERNAL_TOKEN } from './support/order-service';

const PRODUCT = randomUUID();
let db: TestDatabase;
let catalog: FakeCatalog;
let cart: FakeCart;
let child: ChildProcess | undefined;

beforeAll(async () => {
  [db, catalog, cart] = await Promise.all([
    migratedTestDatabase(),
    new FakeCatalog().start(),
    new FakeCart().start(),
  ]);
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([catalog.close(), cart.close()]);
  await db.drop();
});

/** Resolves with the first log line of the service that matches. */
function waitForLog(proc: ChildProcess, match: (line: Record<string, unknown>) => boolean) {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (text) => {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (match(line)) resolve(line);
      } catch {
        // not a log line
      }
    });
    proc.once('exit', (code) => reject(new Error(`service exited early with ${code}`)));
  });
}

describe('graceful shutdown', () => {
  it('finishes an in-flight checkout on SIGTERM and exits 0', async () => {
    catalog.addProduct(PRODUCT, { name: 'Walnut Tray', priceCents: 2600, stock: 3 });
    const cartId = cart.add([
      { productId: PRODUCT, name: 'Walnut Tray', quantity: 1, unitPriceCents: 2600 },
    ]);
    let releaseCatalog!: () => void;
    catalog.hold = new Promise((resolve) => (releaseCatalog = resolve));
    const reserveArrived = new Promise<void>((resolve) => (catalog.onReserve = resolve));

    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ORDER_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: db.url,
        CATALOG_URL: catalog.url,
        CART_URL: cart.url,
        INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
        UPSTREAM_TIMEOUT_MS: '60000',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    const listening = await waitForLog(child, (l) => l.msg === 'listening');
    const baseUrl = `http://127.0.0.1:${listening.port}`;

    const inFlight = placeOrder(baseUrl, checkoutBody(cartId));
    await reserveArrived;
    const draining = waitForLog(child, (l) => l.msg === 'shutting down: readiness off');
    child.kill('SIGTERM');
    await draining;
    releaseCatalog();

    const answer = await inFlight;
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('confirmed');
    expect(await exited).toBe(0);
    expect(catalog.stockOf(PRODUCT)).toBe(2);
  }, 120_000);
});

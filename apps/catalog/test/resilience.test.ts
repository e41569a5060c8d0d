import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CategoryTree, Product, ProductPage } from '@portside/contracts';
import { closedPort, startRedis, type TestDatabase } from '@portside/testkit';
import {
  ADMIN_TOKEN,
  INTERNAL_TOKEN,
  call,
  createCatalogDatabase,
  startCatalog,
  type CatalogUnderTest,
} from './support/catalog-under-test';
import { createCategory, createProduct } from './support/fixtures';

let db: TestDatabase;

beforeAll(async () => {
  db = await createCatalogDatabase({ seed: true });
});

afterAll(async () => {
  await db?.drop();
});

describe('with Redis down', () => {
  let catalog: CatalogUnderTest;

  beforeAll(async () => {
    catalog = await startCatalog(db.url, `redis://127.0.0.1:${await closedPort()}`);
  });

  afterAll(async () => {
    await catalog?.stop();
  });

  it('still answers reads from PostgreSQL', async () => {
    const page = await call(catalog.baseUrl, 'GET', '/api/products?q=lamp&limit=5');
    expect(page.status).toBe(200);
    const items = ProductPage.parse(page.body).items;
    expect(items.length).toBeGreaterThan(0);
    const one = await call(catalog.baseUrl, 'GET', `/api/products/${items[0]?.slug}`);
    expect(Product.parse(one.body).id).toBe(items[0]?.id);
    const tree = await call(catalog.baseUrl, 'GET', '/api/categories');
    expect(CategoryTree.parse(tree.body).items.length).toBeGreaterThanOrEqual(10);
  });

  it('still takes admin writes and shows them', async () => {
    const category = await createCategory(catalog.prisma);
    const product = await createProduct(catalog.prisma, category.id);
    const res = await call(catalog.baseUrl, 'PATCH', `/api/products/${product.id}`, {
      body: { name: 'Written Without Redis' },
      token: ADMIN_TOKEN,
    });
    expect(res.status).toBe(200);
    const read = await call(catalog.baseUrl, 'GET', `/api/products/${product.id}`);
    expect(read.body.name).toBe('Written Without Redis');
  });

  it('reports Redis down on /readyz while staying in rotation', async () => {
    const res = await call(catalog.baseUrl, 'GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ready: true,
      degraded: true,
      checks: { postgres: 'up', redis: 'down' },
    });
  });
});

describe('the service process', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const redis = await startRedis();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        ADMIN_TOKEN,
        INTERNAL_TOKEN,
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '20000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child?.once('exit', (code) => resolve(code)),
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const waitForLog = (msg: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const onLine = (line: string) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (entry.msg === msg) {
            lines.off('line', onLine);
            resolve(entry);
          }
        };
        lines.on('line', onLine);
      });
    const { port } = (await waitForLog('listening')) as { port: number };

    const product = await call(`http://127.0.0.1:${port}`, 'GET', '/api/products?limit=1');
    const productId = product.body.items[0].id as string;
    const body = JSON.stringify({ lines: [{ productId, quantity: 1 }], ttlSeconds: 60 });
    const half = Math.floor(body.length / 2);

    // A request whose body is only half sent is in flight when the signal arrives.
    const answer = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/internal/reservations',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${INTERNAL_TOKEN}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
          );
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      req.on('socket', (socket) =>
        socket.once('connect', () => {
          setTimeout(() => {
            child?.kill('SIGTERM');
            void waitForLog('shutting down: readiness off').then(() => req.end(body.slice(half)));
          }, 200);
        }),
      );
    });

    expect(await answer).toEqual({ status: 201, connection: 'close' });
    expect(await exited).toBe(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Cart,
  CategoryTree,
  CreatedCart,
  Order,
  PlacedOrder,
  Product,
  ProductPage,
} from '@portside/contracts';
import { createK6Runtime, type K6Runtime } from './shim/k6-runtime';
import { bundleK6Script, instantiateK6Script, type K6Script } from './shim/load-script';
import { autocannonPlan } from '../src/autocannon-plan';
import { resolveStack, type Stack } from './support/host-stack';

/*
 * Every journey's k6 code, run once against a real stack through the k6 shim: the deployed
 * compose stack when LOADTEST_BASE_URL names its edge, otherwise the services started here.
 */

const JOURNEYS = ['browse', 'viewProduct', 'addToCart', 'checkout'] as const;
const SMOKE = join(__dirname, '..', 'k6', 'profiles', 'smoke.ts');

let stack: Stack;
let runtime: K6Runtime;
let script: K6Script;
let summaryDir: string;
let data: unknown;
const thoughtSeconds = new Map<string, number>();

beforeAll(async () => {
  stack = await resolveStack();
  summaryDir = mkdtempSync(join(tmpdir(), 'portside-k6-'));
  runtime = createK6Runtime({
    env: { BASE_URL: stack.baseUrl, THINK_TIME_FACTOR: '1', SUMMARY_DIR: summaryDir },
  });
  script = instantiateK6Script(await bundleK6Script(SMOKE), runtime, 'smoke.ts');
  data = script.setup!();
}, 240_000);

afterAll(async () => {
  await runtime?.close();
  await stack?.stop();
  if (summaryDir) rmSync(summaryDir, { recursive: true, force: true });
}, 60_000);

const requestsOf = (journey: string) =>
  runtime.requests.filter((r) => r.tags['journey'] === journey);
const checksOf = (journey: string) => runtime.checks.filter((c) => c.tags['journey'] === journey);

describe('setup() against the stack', () => {
  it('reads categories, products in stock and search words from the seeded catalog', () => {
    const catalog = data as {
      categories: string[];
      products: unknown[];
      buyable: unknown[];
      searchTerms: string[];
    };
    expect(catalog.categories.length).toBeGreaterThan(0);
    expect(catalog.products.length).toBeGreaterThan(0);
    expect(catalog.buyable.length).toBeGreaterThan(0);
    expect(catalog.searchTerms.length).toBeGreaterThan(0);
    expect(requestsOf('setup').every((r) => r.status === 200)).toBe(true);
  });
});

describe.each(JOURNEYS)('the %s journey', (journey) => {
  beforeAll(() => {
    const scenario = script.options.scenarios![journey]!;
    runtime.beginIteration(journey);
    const fn = script[scenario.exec ?? 'default'] as (d: unknown) => void;
    const before = runtime.sleptSeconds();
    fn(data);
    thoughtSeconds.set(journey, runtime.sleptSeconds() - before);
  });

  it('passes every one of its checks', () => {
    const checks = checksOf(journey);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('gets only expected answers, each request tagged with its journey and a URL name', () => {
    const requests = requestsOf(journey);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.expected)).toEqual([]);
    for (const r of requests) {
      expect(r.tags['name']).toMatch(/^(GET|POST|PUT|DELETE) \/api\//);
      expect(r.tags['scenario']).toBe(journey);
    }
  });

  it('pauses to think like a person between steps', () => {
    expect(thoughtSeconds.get(journey)).toBeGreaterThan(0);
  });
});

describe('the buying journeys', () => {
  it('place one order with the test card and read its confirmation', () => {
    const placed = requestsOf('checkout').filter(
      (r) => r.method === 'POST' && r.url.endsWith('/api/orders'),
    );
    expect(placed.map((r) => r.status)).toEqual([201]);
    const read = requestsOf('checkout').filter((r) => r.tags['name'] === 'GET /api/orders/:id');
    expect(read.map((r) => r.status)).toEqual([200]);
  });

  it('fill a cart and read it back priced in both addToCart and checkout', () => {
    for (const journey of ['addToCart', 'checkout']) {
      const names = requestsOf(journey).map((r) => r.tags['name']);
      expect(names).toEqual(
        expect.arrayContaining([
          'GET /api/products/:slug',
          'POST /api/carts',
          'PUT /api/carts/:id/items/:productId',
          'GET /api/carts/:id',
        ]),
      );
    }
  });
});

/** The API's own schemas for each named request: the scripts read what the services really send. */
const SCHEMAS: Record<string, { safeParse(v: unknown): { error?: { issues: unknown[] } } }> = {
  'GET /api/categories': CategoryTree,
  'GET /api/products': ProductPage,
  'GET /api/products?category': ProductPage,
  'GET /api/products?q': ProductPage,
  'GET /api/products?cursor': ProductPage,
  'GET /api/products/:slug': Product,
  'POST /api/carts': CreatedCart,
  'PUT /api/carts/:id/items/:productId': Cart,
  'GET /api/carts/:id': Cart,
  'POST /api/orders': PlacedOrder,
  'GET /api/orders/:id': Order,
};

describe('what the journeys read', () => {
  it('matches the API contracts for every JSON answer', () => {
    const json = runtime.requests.filter(
      (r) => r.tags['name'] !== 'GET /api/images/products/:slug.svg',
    );
    expect(json.length).toBeGreaterThan(10);
    for (const r of json) {
      const schema = SCHEMAS[r.tags['name'] ?? ''];
      expect({ name: r.tags['name'], known: schema !== undefined }).toEqual({
        name: r.tags['name'],
        known: true,
      });
      const parsed = schema!.safeParse(JSON.parse(r.body));
      expect({ name: r.tags['name'], issues: parsed.error?.issues ?? [] }).toEqual({
        name: r.tags['name'],
        issues: [],
      });
    }
  });

  it('gets product images as SVG', () => {
    const images = runtime.requests.filter(
      (r) => r.tags['name'] === 'GET /api/images/products/:slug.svg',
    );
    expect(images.length).toBeGreaterThan(0);
    for (const r of images) expect(r.body).toContain('<svg');
  });
});

describe('the autocannon plan (where k6 is not installed)', () => {
  it('lays out browse, viewProduct and addToCart with requests the stack answers 2xx, and the SLOs k6 uses', async () => {
    const plan = await autocannonPlan('smoke', stack.baseUrl);
    expect(plan.journeys.map((j) => j.name)).toEqual(['browse', 'viewProduct', 'addToCart']);
    expect(plan.slo['browse']).toEqual({ p95Ms: 300, p99Ms: 800, maxErrorRate: 0.01 });
    for (const journey of plan.journeys) {
      expect(journey.requests.length).toBeGreaterThan(0);
      for (const request of journey.requests) {
        const response = await fetch(`${stack.baseUrl}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        await response.arrayBuffer();
        expect({ path: request.path, ok: response.ok }).toEqual({ path: request.path, ok: true });
      }
    }
  });
});

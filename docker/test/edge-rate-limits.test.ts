import { currentStack } from './support/stack';

// The edge counts each client address's writes per route class over a window
// (haproxy.cfg; defaults: 100 cart writes, 20 checkouts, 60 catalog writes per
// 10 s) and answers 429 problem+json with Retry-After beyond that.
const { baseUrl } = currentStack();
const WINDOW_SECONDS = 10;
const json = { 'content-type': 'application/json' };

type Answer = { status: number; type: string; retryAfter: string | null; body: string };

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: json, ...init });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

const burst = (count: number, path: string, init: RequestInit = {}) =>
  Promise.all(Array.from({ length: count }, () => send(path, init)));

const countOf = (answers: Answer[], status: number) =>
  answers.filter((answer) => answer.status === status).length;

/** The edge's rate is a sliding window: two windows without requests bring it back to zero. */
const windowsPass = () =>
  new Promise((resolve) => setTimeout(resolve, 2 * WINDOW_SECONDS * 1000 + 1000));

describe('rate limits at the edge', () => {
  // Earlier suites on this stack write from the same address: start from an empty window.
  beforeAll(windowsPass, 3 * WINDOW_SECONDS * 1000);

  it('lets cart writes under the limit through', async () => {
    const answers = await burst(50, '/api/carts', { body: '{}' });
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
  });

  it('answers writes over the limit of each route class with 429 problem+json and Retry-After, then lets them through again', async () => {
    const [carts, checkouts, admin] = await Promise.all([
      burst(400, '/api/carts', { body: '{}' }),
      // Not valid checkouts: the order service answers 400 to those the edge lets through.
      burst(40, '/api/orders', { body: '{}' }),
      // No admin token: the catalog answers 401 to those the edge lets through.
      burst(80, '/api/products', { body: '{}' }),
    ]);

    expect(countOf(carts, 201) + countOf(carts, 429)).toBe(400);
    expect(countOf(carts, 201)).toBeLessThanOrEqual(100);
    expect(countOf(carts, 429)).toBeGreaterThanOrEqual(300);
    expect(countOf(checkouts, 429)).toBeGreaterThanOrEqual(20);
    expect(countOf(checkouts, 400) + countOf(checkouts, 429)).toBe(40);
    expect(countOf(admin, 429)).toBeGreaterThanOrEqual(20);
    expect(countOf(admin, 401) + countOf(admin, 429)).toBe(80);

    const refused = [carts, checkouts, admin].map((answers) =>
      answers.find((answer) => answer.status === 429),
    );
    for (const answer of refused) {
      expect(answer?.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({
        type: '/problems/rate-limited',
        title: 'Too Many Requests',
        status: 429,
      });
      expect(Number(answer?.retryAfter)).toBeGreaterThan(0);
    }

    // Reads are never limited, even from an address whose writes are refused.
    expect((await fetch(`${baseUrl}/api/categories`)).status).toBe(200);

    await windowsPass();
    expect((await send('/api/carts', { body: '{}' })).status).toBe(201);
    expect((await send('/api/orders', { body: '{}' })).status).toBe(400);
    expect((await send('/api/products', { body: '{}' })).status).toBe(401);
  }, 120_000);
});

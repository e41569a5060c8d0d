import { randomBytes, randomUUID } from 'node:crypto';
import { projectContainers, serviceOf } from './support/docker-inspect';
import { runOrThrow } from './support/run';
import { currentStack } from './support/stack';

// The Compose stack's own PostgreSQL and Redis frozen with `docker pause`: requests
// through the edge that need them answer 503 problem+json instead of hanging, the
// services' /readyz says which dependency is down, and all is well once unpaused.
const { project, baseUrl } = currentStack();
/** The client gives up here: an answer must come before, whatever the machine's load. */
const CLIENT_ABORT_MS = 10_000;

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(CLIENT_ABORT_MS) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}

async function container(service: string) {
  const found = (await projectContainers(project)).find((c) => serviceOf(c) === service);
  if (!found) throw new Error(`no ${service} container in ${project}`);
  return { id: found.Id, address: found.NetworkSettings.Networks[`${project}_public`]?.IPAddress };
}

/** A service's own /readyz, on its address on the stack's network (it is not published). */
async function readiness(service: string, port: number): Promise<Answer> {
  const { address } = await container(service);
  return get(`http://${address}:${port}/readyz`);
}

async function paused(service: string, work: () => Promise<void>): Promise<void> {
  const { id } = await container(service);
  await runOrThrow('docker', ['pause', id]);
  try {
    await work();
  } finally {
    await runOrThrow('docker', ['unpause', id]);
  }
}

/** Asks until the answer has the status wanted; the edge takes a replica back within seconds. */
async function eventually(ask: () => Promise<Answer>, status: number): Promise<Answer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await ask().catch((error: Error) => ({ status: 0, type: '', body: error }));
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A new cart; suites before this one may have spent the edge's cart-write budget: wait it out. */
async function newCart(): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const created = await fetch(`${baseUrl}/api/carts`, { method: 'POST' });
    if (created.status !== 429 || attempt === 5) {
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: string }).id;
    }
    await created.body?.cancel();
    const wait = Number(created.headers.get('retry-after') ?? 10);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

const unavailable = { status: 503, type: expect.stringMatching(/^application\/problem\+json/) };

describe('a paused data store of the Compose stack', () => {
  it('Redis: a cart read answers 503 problem+json, cart reports redis down, and both recover on unpause', async () => {
    const id = await newCart();
    const cart = () => get(`${baseUrl}/api/carts/${id}`);

    await paused('redis', async () => {
      expect(await cart()).toMatchObject(unavailable);
      expect(await readiness('cart', 3002)).toMatchObject({
        status: 503,
        body: { ready: false, checks: { redis: 'down' } },
      });
    });

    expect(await eventually(cart, 200)).toMatchObject({ status: 200, body: { id } });
    expect(await eventually(() => readiness('cart', 3002), 200)).toMatchObject({
      body: { ready: true, checks: { redis: 'up' } },
    });
  }, 120_000);

  it('PostgreSQL: catalog and order reads answer 503 problem+json, both report the database down, and recover on unpause', async () => {
    // A search nobody made before: the catalog's Redis cache cannot answer it.
    const search = () => get(`${baseUrl}/api/products?q=pause${randomBytes(4).toString('hex')}`);
    const order = () =>
      get(`${baseUrl}/api/orders/${randomUUID()}`, {
        authorization: `Bearer ${randomBytes(32).toString('base64url')}`,
      });

    await paused('postgres', async () => {
      const [products, anOrder] = await Promise.all([search(), order()]);
      expect(products).toMatchObject(unavailable);
      expect(anOrder).toMatchObject(unavailable);
      for (const [service, port, check] of [
        ['catalog', 3001, 'postgres'],
        ['order', 3003, 'postgres'],
      ] as const) {
        expect(await readiness(service, port)).toMatchObject({
          status: 503,
          body: { ready: false, checks: { [check]: 'down' } },
        });
      }
    });

    expect(await eventually(search, 200)).toMatchObject({ status: 200 });
    // Unknown to the order service once it can look: a 404, not a 503.
    expect(await eventually(order, 404)).toMatchObject({ status: 404 });
  }, 120_000);
});

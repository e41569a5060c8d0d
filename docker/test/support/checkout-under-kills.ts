import { randomUUID } from 'node:crypto';

/*
 * Checkout load through the edge while the order container is killed with
 * SIGKILL at random moments. Each shopper keeps its Idempotency-Key and asks
 * again until it gets a definitive answer; afterwards the money and the stock
 * must reconcile. Used by checkout-kills.test.ts and scripts/checkout-kills.ts.
 */

export interface KillRunOptions {
  baseUrl: string;
  adminToken: string;
  /** SIGKILLs the order container and starts it again (it is not restarted by policy after a kill). */
  killOrder: () => Promise<void>;
  /** Units of the product still held by pending catalog reservations (none once holds lapse). */
  heldUnits: (productId: string) => Promise<number>;
  shoppers: number;
  durationMs: number;
  kills: number;
  log?: (line: string) => void;
}

export interface KillRunResult {
  checkouts: number;
  kills: number;
  acknowledged: number;
  /** Checkouts that needed more than one request. */
  retried: number;
  /** Retried checkouts that ended confirmed: resumed after a kill, not repeated. */
  recovered: number;
  /** Checkouts a kill interrupted that recovery undid (stock released, any charge refunded). */
  undone: number;
  /** Refunds the provider's ledger recorded during the run. */
  refunded: number;
  /** Problems found; empty when every invariant holds. */
  problems: string[];
}

type Json = Record<string, unknown>;

const definitive = (status: number, code: unknown) =>
  !(status === 409 && code === 'idempotency_key_in_flight') && status !== 429 && status < 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A polite client: an edge's 429 is waited out for its Retry-After, as a browser's fetch layer would. */
async function waitIfLimited(res: { status: number; headers: Headers }): Promise<void> {
  if (res.status !== 429) return;
  await sleep(Math.min(Number(res.headers.get('retry-after')) || 1, 30) * 1000);
}

export async function runCheckoutUnderKills(o: KillRunOptions): Promise<KillRunResult> {
  const log = o.log ?? (() => undefined);
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${o.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    await waitIfLimited(res);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  // One shopper that gives up stops the others: nothing may keep loading the edge after the run.
  let givenUp = false;
  const report = async () =>
    (await api('GET', '/api/orders/admin/reconciliation', undefined, o.adminToken)).body as {
      ok: boolean;
      orders: { confirmed: { count: number; totalCents: number }; unfinished: number };
      payments: { refunds: { count: number }; netCents: number };
      confirmedQuantities: Array<{ productId: string; quantity: number }>;
    };
  const until = async <T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const value = await attempt().catch(() => undefined);
      if (value !== undefined) return value;
      if (givenUp) throw new Error(`${what}: another shopper gave up`);
      if (Date.now() > deadline) {
        givenUp = true;
        throw new Error(`${what}: no answer within 120 s`);
      }
      await sleep(250);
    }
  };

  const page = await until('catalog', async () => {
    const res = await api('GET', '/api/products?limit=1&sort=name');
    return res.status === 200 ? res.body : undefined;
  });
  const productId = (page.items as Array<{ id: string }>)[0]!.id;
  const startStock = 100_000;
  const stocked = await api(
    'PUT',
    `/api/products/${productId}/stock`,
    { stock: startStock },
    o.adminToken,
  );
  if (stocked.status !== 200) throw new Error(`could not set stock: ${stocked.status}`);
  // Holds left by an earlier run were taken from the stock before it was reset; when they
  // lapse they give their units back on top of it, so they count on both sides.
  const heldBefore = await o.heldUnits(productId);
  const before = await until('order reconciliation', report);
  const soldBefore =
    before.confirmedQuantities.find((q) => q.productId === productId)?.quantity ?? 0;

  const outcomes: Array<{
    status: number;
    code: unknown;
    requests: number;
    quantity: number;
    order: Json;
  }> = [];
  const stopAt = Date.now() + o.durationMs;

  const shopper = async () => {
    while (Date.now() < stopAt) {
      const quantity = 1 + Math.floor(Math.random() * 2);
      const cartId = await until('a cart', async () => {
        const created = await api('POST', '/api/carts', {});
        if (created.status !== 201) return undefined;
        const id = created.body.id as string;
        const put = await api('PUT', `/api/carts/${id}/items/${productId}`, { quantity });
        return put.status === 200 ? id : undefined;
      });
      const key = randomUUID();
      const body = {
        cartId,
        email: 'kill-test@example.com',
        shippingAddress: {
          name: 'K',
          line1: '1 Test St',
          city: 'Testville',
          postalCode: '12345',
          country: 'US',
        },
        payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
      };
      let requests = 0;
      const answer = await until('a checkout answer', async () => {
        requests++;
        const res = await fetch(`${o.baseUrl}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        }).catch(() => undefined);
        if (!res) return undefined;
        await waitIfLimited(res);
        const parsed = (await res.json().catch(() => ({}))) as Json;
        return definitive(res.status, parsed.code)
          ? { status: res.status, body: parsed }
          : undefined;
      });
      outcomes.push({
        status: answer.status,
        code: answer.body.code,
        requests,
        quantity,
        order: answer.body,
      });
    }
  };

  const killer = async () => {
    for (let k = 0; k < o.kills; k++) {
      const slot = o.durationMs / o.kills;
      await new Promise((resolve) => setTimeout(resolve, slot * 0.3 + Math.random() * slot * 0.6));
      log(`kill ${k + 1}/${o.kills} at ${o.durationMs - (stopAt - Date.now())} ms`);
      await o.killOrder();
    }
  };

  const run = await Promise.allSettled([killer(), ...Array.from({ length: o.shoppers }, shopper)]);
  const failure = run.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;

  // Recovery runs at boot and on a timer; ask for one more pass, then read the books.
  await until('recovery', async () => {
    const res = await api('POST', '/api/orders/admin/recovery', undefined, o.adminToken);
    return res.status === 200 ? res.body : undefined;
  });
  const after = await until('order reconciliation', async () => {
    const r = await report();
    return r.orders.unfinished === 0 ? r : undefined;
  });

  const problems: string[] = [];
  const acknowledged = outcomes.filter((x) => x.status === 201);
  const unexpected = outcomes.filter((x) => x.status !== 201 && x.code !== 'checkout_interrupted');
  if (unexpected.length)
    problems.push(`unexpected answers: ${JSON.stringify(unexpected.slice(0, 3))}`);
  for (const a of acknowledged) {
    const read = await api(
      'GET',
      `/api/orders/${a.order.id}`,
      undefined,
      a.order.accessToken as string,
    );
    if (read.status !== 200 || read.body.status !== 'confirmed') {
      problems.push(`acknowledged order ${a.order.id} reads ${read.status} ${read.body.status}`);
    }
  }
  const ids = new Set(acknowledged.map((a) => a.order.id));
  if (ids.size !== acknowledged.length) problems.push('two keys answered the same order');
  const newlyConfirmed = after.orders.confirmed.count - before.orders.confirmed.count;
  if (newlyConfirmed !== acknowledged.length) {
    problems.push(`${newlyConfirmed} orders confirmed for ${acknowledged.length} acknowledged`);
  }
  if (!after.ok) problems.push(`reconciliation is not ok: ${JSON.stringify(after).slice(0, 600)}`);
  if (after.payments.netCents !== after.orders.confirmed.totalCents) {
    problems.push(
      `charges - refunds ${after.payments.netCents} != confirmed ${after.orders.confirmed.totalCents}`,
    );
  }
  const sold = acknowledged.reduce((n, a) => n + a.quantity, 0);
  const soldAfter = after.confirmedQuantities.find((q) => q.productId === productId)?.quantity ?? 0;
  if (soldAfter - soldBefore !== sold)
    problems.push(`ledger sold ${soldAfter - soldBefore}, shoppers ${sold}`);
  // Holds a kill orphaned before the order recorded them lapse on their own (RESERVATION_TTL_SECONDS).
  const stock = ((await api('GET', `/api/products/${productId}`)).body.stock as number) ?? -1;
  const held = await o.heldUnits(productId);
  if (stock + held !== startStock - sold + heldBefore) {
    problems.push(
      `stock ${stock} + held ${held} != ${startStock} - ${sold} confirmed + ${heldBefore} held before`,
    );
  }

  const retried = outcomes.filter((x) => x.requests > 1);
  return {
    checkouts: outcomes.length,
    kills: o.kills,
    acknowledged: acknowledged.length,
    retried: retried.length,
    recovered: retried.filter((x) => x.status === 201).length,
    undone: outcomes.filter((x) => x.code === 'checkout_interrupted').length,
    refunded: after.payments.refunds.count - before.payments.refunds.count,
    problems,
  };
}

import type { CreatedCart, Product, ProductPage } from '@portside/contracts';

/*
 * What the measured requests need, made through the public API before measuring:
 * a product to read, carts to update, and one filled cart per checkout.
 */

async function call<T>(url: string, init: RequestInit & { expect: number }): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const text = await res.text();
  if (res.status === 429)
    throw new Error(
      `${init.method ?? 'GET'} ${url} was rate-limited by the edge: start the stack with EDGE_RATE_LIMITS=off for load tests (loadtests/README.md)`,
    );
  if (res.status !== init.expect)
    throw new Error(`${init.method ?? 'GET'} ${url} gave ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export type Fixtures = {
  listPath: string;
  listBytes: number;
  product: Product;
  /** Products with stock, most first: checkouts spread across them. */
  stocked: Product[];
};

export async function readCatalog(base: string): Promise<Fixtures> {
  const listPath = '/api/products?limit=24';
  const res = await fetch(`${base}${listPath}`);
  if (res.status !== 200)
    throw new Error(`GET ${base}${listPath} gave ${res.status}: is the stack up and seeded?`);
  const text = await res.text();
  const page = JSON.parse(text) as ProductPage;
  const all = await call<ProductPage>(`${base}/api/products?limit=100`, { expect: 200 });
  const stocked = all.items.filter((p) => p.stock > 0).sort((a, b) => b.stock - a.stock);
  const product = page.items[0];
  if (!product || stocked.length === 0)
    throw new Error('the catalog is empty or sold out: seed it first');
  return { listPath, listBytes: Buffer.byteLength(text), product, stocked };
}

export async function newCartWith(
  base: string,
  productId: string,
  quantity: number,
): Promise<string> {
  const { id } = await call<CreatedCart>(`${base}/api/carts`, { method: 'POST', expect: 201 });
  await call(`${base}/api/carts/${id}/items/${productId}`, {
    method: 'PUT',
    body: JSON.stringify({ quantity }),
    expect: 200,
  });
  return id;
}

/**
 * One cart per checkout, each holding one unit of a product that still has stock for it,
 * filled a few at a time so preparing does not itself become a load test.
 */
export async function prepareCheckoutCarts(
  base: string,
  stocked: Product[],
  count: number,
): Promise<string[]> {
  const plan: string[] = [];
  const left = new Map(stocked.map((p) => [p.id, p.stock]));
  for (let i = 0; plan.length < count; i++) {
    const candidates = stocked.filter((p) => (left.get(p.id) ?? 0) > 0);
    if (candidates.length === 0) break;
    const p = candidates[i % candidates.length]!;
    left.set(p.id, left.get(p.id)! - 1);
    plan.push(p.id);
  }
  const carts: string[] = [];
  for (let i = 0; i < plan.length; i += 10) {
    carts.push(
      ...(await Promise.all(
        plan.slice(i, i + 10).map((productId) => newCartWith(base, productId, 1)),
      )),
    );
  }
  return carts;
}

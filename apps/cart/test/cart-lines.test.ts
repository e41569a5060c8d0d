import request from 'supertest';
import { Cart, CreatedCart, MAX_CART_LINES } from '@portside/contracts';
import { startCartUnderTest, type CartUnderTest } from './support/cart-under-test';

let cart: CartUnderTest;
beforeAll(async () => {
  cart = await startCartUnderTest();
});
afterAll(() => cart?.stop());

async function newCart(): Promise<string> {
  const res = await request(cart.url).post('/api/carts').expect(201);
  return CreatedCart.parse(res.body).id;
}

const setQuantity = (cartId: string, productId: string, quantity: unknown) =>
  request(cart.url).put(`/api/carts/${cartId}/items/${productId}`).send({ quantity });

describe('carts and their lines', () => {
  it('creates an empty cart with an unguessable id and a location', async () => {
    const res = await request(cart.url).post('/api/carts').expect(201);
    const { id } = CreatedCart.parse(res.body);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(res.headers.location).toBe(`/api/carts/${id}`);

    const read = await request(cart.url).get(`/api/carts/${id}`).expect(200);
    expect(Cart.parse(read.body)).toMatchObject({ id, lines: [], itemCount: 0, subtotalCents: 0 });
    expect(read.headers['cache-control']).toBe('no-store');
  });

  it('keeps a line whose product id was sent in upper case, under its canonical id', async () => {
    const mug = cart.catalog.add({ priceCents: 1250, stock: 7 });
    const id = await newCart();
    await setQuantity(id, mug.id.toUpperCase(), 2).expect(200);
    await setQuantity(id, mug.id, 3).expect(200);
    const read = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(read.lines).toEqual([expect.objectContaining({ productId: mug.id, quantity: 3 })]);
    await request(cart.url).delete(`/api/carts/${id}/items/${mug.id.toUpperCase()}`).expect(204);
    const emptied = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(emptied.lines).toEqual([]);
  });

  it('prices lines with live catalog prices and stock', async () => {
    const mug = cart.catalog.add({ priceCents: 1250, stock: 7 });
    const lamp = cart.catalog.add({ priceCents: 4999, stock: 3 });
    const id = await newCart();
    await setQuantity(id, mug.id, 2).expect(200);
    await setQuantity(id, lamp.id, 1).expect(200);

    const first = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(first.lines).toEqual([
      expect.objectContaining({
        productId: mug.id,
        quantity: 2,
        unitPriceCents: 1250,
        lineTotalCents: 2500,
        stock: 7,
      }),
      expect.objectContaining({
        productId: lamp.id,
        quantity: 1,
        unitPriceCents: 4999,
        lineTotalCents: 4999,
        stock: 3,
      }),
    ]);
    expect(first).toMatchObject({ itemCount: 3, subtotalCents: 7499, currency: 'USD' });

    cart.catalog.add({ ...mug, priceCents: 1000, stock: 4 });
    const repriced = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(repriced.lines[0]).toMatchObject({
      unitPriceCents: 1000,
      lineTotalCents: 2000,
      stock: 4,
    });
    expect(repriced.subtotalCents).toBe(6999);
  });

  it('answers a quantity change with the updated cart', async () => {
    const product = cart.catalog.add({ priceCents: 300 });
    const id = await newCart();
    const res = await setQuantity(id, product.id, 4).expect(200);
    expect(Cart.parse(res.body)).toMatchObject({ itemCount: 4, subtotalCents: 1200 });
  });

  it('sets a quantity rather than adding to it', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, product.id, 3).expect(200);
    const res = await setQuantity(id, product.id, 1).expect(200);
    expect(Cart.parse(res.body).lines).toEqual([expect.objectContaining({ quantity: 1 })]);
  });

  it('removes a line when its quantity is set to 0', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, product.id, 2).expect(200);
    const res = await setQuantity(id, product.id, 0).expect(200);
    expect(Cart.parse(res.body)).toMatchObject({ lines: [], itemCount: 0 });
    expect(await cart.raw.hexists(cart.keyOf(id), product.id)).toBe(0);
  });

  it('removes a line with DELETE', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, product.id, 2).expect(200);
    await request(cart.url).delete(`/api/carts/${id}/items/${product.id}`).expect(204);
    const read = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(read.lines).toEqual([]);
  });

  it('refuses more than the catalog has in stock with 409 insufficient_stock and the available count', async () => {
    const product = cart.catalog.add({ stock: 2 });
    const id = await newCart();
    const res = await setQuantity(id, product.id, 3).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 409,
      code: 'insufficient_stock',
      available: 2,
      productId: product.id,
    });
    await setQuantity(id, product.id, 2).expect(200);
  });

  it('answers 404 for a product the catalog does not know', async () => {
    const id = await newCart();
    const res = await setQuantity(id, '7b0e3c62-54a4-4d6b-9d2f-2d1f0a6f1c11', 1).expect(404);
    expect(res.body).toMatchObject({ status: 404 });
  });

  it('drops lines whose product left the catalog', async () => {
    const kept = cart.catalog.add();
    const gone = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, kept.id, 1).expect(200);
    await setQuantity(id, gone.id, 1).expect(200);
    cart.catalog.remove(gone.id);

    const read = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(read.lines.map((l) => l.productId)).toEqual([kept.id]);
    expect(await cart.raw.hexists(cart.keyOf(id), gone.id)).toBe(0);
  });

  it(`holds at most ${MAX_CART_LINES} different products`, async () => {
    const id = await newCart();
    for (let i = 0; i < MAX_CART_LINES; i++) {
      await setQuantity(id, cart.catalog.add().id, 1).expect(200);
    }
    const res = await setQuantity(id, cart.catalog.add().id, 1).expect(409);
    expect(res.body).toMatchObject({ code: 'cart_full', maxLines: MAX_CART_LINES });
  });

  it('keeps the line limit when many products are added at once', async () => {
    const id = await newCart();
    const products = Array.from({ length: MAX_CART_LINES + 10 }, () => cart.catalog.add());
    const answers = await Promise.all(products.map((p) => setQuantity(id, p.id, 1)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_CART_LINES);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    const read = Cart.parse((await request(cart.url).get(`/api/carts/${id}`).expect(200)).body);
    expect(read.lines).toHaveLength(MAX_CART_LINES);
  });

  it('deletes a whole cart, and deleting it again still succeeds', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, product.id, 1).expect(200);
    await request(cart.url).delete(`/api/carts/${id}`).expect(204);
    await request(cart.url).get(`/api/carts/${id}`).expect(404);
    await request(cart.url).delete(`/api/carts/${id}`).expect(204);
  });

  it('asks the catalog for all lines in one batch request', async () => {
    const a = cart.catalog.add();
    const b = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, a.id, 1).expect(200);
    await setQuantity(id, b.id, 1).expect(200);
    const before = cart.catalog.requests.length;
    await request(cart.url).get(`/api/carts/${id}`).expect(200);
    expect(cart.catalog.requests.slice(before)).toEqual([
      `/api/products?ids=${encodeURIComponent(`${a.id},${b.id}`)}&limit=2`,
    ]);
  });
});

describe('calls to the catalog', () => {
  it('carry the request id of the cart request that caused them', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await setQuantity(id, product.id, 1).expect(200);
    const before = cart.catalog.requests.length;
    await request(cart.url).get(`/api/carts/${id}`).set('x-request-id', 'trace-me-123').expect(200);
    expect(cart.catalog.requestIds.slice(before)).toEqual(['trace-me-123']);
  });
});

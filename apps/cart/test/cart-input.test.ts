import request from 'supertest';
import { CreatedCart, MAX_LINE_QUANTITY } from '@portside/contracts';
import { startCartUnderTest, type CartUnderTest } from './support/cart-under-test';

let cart: CartUnderTest;
let cartId: string;
let productId: string;
beforeAll(async () => {
  cart = await startCartUnderTest();
  cartId = CreatedCart.parse((await request(cart.url).post('/api/carts').expect(201)).body).id;
  productId = cart.catalog.add({ stock: 500 }).id;
});
afterAll(() => cart?.stop());

const put = (body: unknown, product = productId) =>
  request(cart.url)
    .put(`/api/carts/${cartId}/items/${product}`)
    .send(body as object);

function expectFieldProblem(res: request.Response, field: string) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status: 400,
    title: expect.any(String),
    type: expect.any(String),
  });
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

describe('cart input validation', () => {
  it.each([
    ['a negative quantity', { quantity: -1 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a quantity above the per-line limit', { quantity: MAX_LINE_QUANTITY + 1 }],
    ['a quantity given as text', { quantity: '2' }],
    ['a missing quantity', {}],
  ])('rejects %s with 400 naming quantity', async (_label, body) => {
    expectFieldProblem(await put(body), 'quantity');
  });

  it('rejects unknown keys in the body, naming them', async () => {
    expectFieldProblem(await put({ quantity: 1, priceCents: 1 }), 'priceCents');
  });

  it('rejects a body that is not JSON', async () => {
    const res = await request(cart.url)
      .put(`/api/carts/${cartId}/items/${productId}`)
      .set('content-type', 'application/json')
      .send('{"quantity":');
    expectFieldProblem(res, 'body');
  });

  it('rejects a malformed product id with 400 naming productId', async () => {
    expectFieldProblem(await put({ quantity: 1 }, 'not-a-uuid'), 'productId');
    const res = await request(cart.url).delete(`/api/carts/${cartId}/items/not-a-uuid`);
    expectFieldProblem(res, 'productId');
  });

  it('rejects unknown keys when creating a cart', async () => {
    expectFieldProblem(await request(cart.url).post('/api/carts').send({ owner: 'me' }), 'owner');
  });

  it('answers 404, not 400, for a malformed cart id, so ids cannot be probed', async () => {
    for (const res of [
      await request(cart.url).get('/api/carts/short'),
      await request(cart.url).get('/api/carts/has%20a%20space%20in%20it%20and%20is%20long'),
      await request(cart.url).put(`/api/carts/x/items/${productId}`).send({ quantity: 1 }),
      await request(cart.url).delete('/api/carts/x'),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('stores nothing for rejected input', async () => {
    await put({ quantity: -1 });
    await put({ quantity: 1, extra: true });
    expect(await cart.raw.hlen(cart.keyOf(cartId))).toBe(1);
  });
});

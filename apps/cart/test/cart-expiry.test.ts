import request from 'supertest';
import { Cart, CreatedCart } from '@portside/contracts';
import { startCartUnderTest, type CartUnderTest } from './support/cart-under-test';

const TTL_SECONDS = 3600;
const SHORTENED = 60;

let cart: CartUnderTest;
beforeAll(async () => {
  cart = await startCartUnderTest({ cartTtlSeconds: TTL_SECONDS });
});
afterAll(() => cart?.stop());

async function newCart(): Promise<string> {
  return CreatedCart.parse((await request(cart.url).post('/api/carts').expect(201)).body).id;
}

/** Pretend time passed: the key now has little life left. */
const ageCart = (id: string) => cart.raw.expire(cart.keyOf(id), SHORTENED);

/** What Redis does when the TTL runs out, without waiting for it. */
const expireCart = (id: string) => cart.raw.expire(cart.keyOf(id), 0);

describe('cart expiry', () => {
  it('gives a new cart the full lifetime', async () => {
    const id = await newCart();
    const ttl = await cart.raw.ttl(cart.keyOf(id));
    expect(ttl).toBeGreaterThan(SHORTENED);
    expect(ttl).toBeLessThanOrEqual(TTL_SECONDS);
  });

  it('pushes the expiry out again on every read', async () => {
    const id = await newCart();
    await ageCart(id);
    const res = await request(cart.url).get(`/api/carts/${id}`).expect(200);
    expect(await cart.raw.ttl(cart.keyOf(id))).toBeGreaterThan(SHORTENED);

    const expiresAt = Date.parse(Cart.parse(res.body).expiresAt);
    expect(expiresAt).toBeGreaterThan(Date.now() + SHORTENED * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + TTL_SECONDS * 1000);
  });

  it('pushes the expiry out again on every write', async () => {
    const product = cart.catalog.add();
    const id = await newCart();

    await ageCart(id);
    await request(cart.url)
      .put(`/api/carts/${id}/items/${product.id}`)
      .send({ quantity: 1 })
      .expect(200);
    expect(await cart.raw.ttl(cart.keyOf(id))).toBeGreaterThan(SHORTENED);

    await ageCart(id);
    await request(cart.url).delete(`/api/carts/${id}/items/${product.id}`).expect(204);
    expect(await cart.raw.ttl(cart.keyOf(id))).toBeGreaterThan(SHORTENED);
  });

  it('answers 404 for a cart that never existed', async () => {
    const res = await request(cart.url)
      .get(`/api/carts/${'A'.repeat(43)}`)
      .expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for an expired cart and never brings it back', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await expireCart(id);

    await request(cart.url).get(`/api/carts/${id}`).expect(404);
    await request(cart.url)
      .put(`/api/carts/${id}/items/${product.id}`)
      .send({ quantity: 1 })
      .expect(404);
    await request(cart.url)
      .put(`/api/carts/${id}/items/${product.id}`)
      .send({ quantity: 0 })
      .expect(404);
    await request(cart.url).delete(`/api/carts/${id}/items/${product.id}`).expect(404);
    expect(await cart.raw.exists(cart.keyOf(id))).toBe(0);
  });

  it('keeps an emptied cart alive', async () => {
    const product = cart.catalog.add();
    const id = await newCart();
    await request(cart.url)
      .put(`/api/carts/${id}/items/${product.id}`)
      .send({ quantity: 2 })
      .expect(200);
    await request(cart.url)
      .put(`/api/carts/${id}/items/${product.id}`)
      .send({ quantity: 0 })
      .expect(200);
    await request(cart.url).get(`/api/carts/${id}`).expect(200);
  });
});

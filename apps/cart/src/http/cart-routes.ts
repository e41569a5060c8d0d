import { Router, type Response } from 'express';
import { z } from 'zod';
import { SetCartItem } from '@portside/contracts';
import { parseInput } from '@portside/service-kit';
import type { CartService } from '../domain/cart-service';
import { cartIdOf, productIdOf } from './cart-params';

/** POST /api/carts takes no fields; an empty body or none at all is fine. */
const CreateCartBody = z.strictObject({}).optional();

/** Parse, call the use case, answer: nothing else happens here. */
export function cartRoutes(carts: CartService): Router {
  const router = Router();

  router.post('/api/carts', async (req, res) => {
    parseInput(CreateCartBody, req.body);
    const created = await carts.create();
    noStore(res).status(201).location(`/api/carts/${created.id}`).json(created);
  });

  router.get('/api/carts/:cartId', async (req, res) => {
    noStore(res).json(await carts.get(cartIdOf(req)));
  });

  // Unpriced lines for checkout: no catalog call, since the reservation prices them.
  router.get('/api/carts/:cartId/lines', async (req, res) => {
    noStore(res).json(await carts.lines(cartIdOf(req)));
  });

  router.delete('/api/carts/:cartId', async (req, res) => {
    await carts.clear(cartIdOf(req));
    res.status(204).end();
  });

  router.put('/api/carts/:cartId/items/:productId', async (req, res) => {
    const cartId = cartIdOf(req);
    const productId = productIdOf(req);
    const { quantity } = parseInput(SetCartItem, req.body);
    await carts.setQuantity(cartId, productId, quantity);
    noStore(res).json(await carts.get(cartId));
  });

  router.delete('/api/carts/:cartId/items/:productId', async (req, res) => {
    await carts.removeLine(cartIdOf(req), productIdOf(req));
    res.status(204).end();
  });

  return router;
}

/** Carts are private to whoever holds the id: no shared cache may keep them. */
const noStore = (res: Response) => res.set('cache-control', 'no-store');

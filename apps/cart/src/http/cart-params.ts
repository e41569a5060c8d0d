import type { Request } from 'express';
import { z } from 'zod';
import { CartId, Uuid } from '@portside/contracts';
import { AppError, parseInput } from '@portside/service-kit';

const ProductIdParam = z.object({ productId: Uuid });

/**
 * A malformed cart id answers 404 like an unknown one: telling the two apart
 * would only help someone probing for ids.
 */
export function cartIdOf(req: Request): string {
  const parsed = CartId.safeParse(req.params.cartId);
  if (!parsed.success) throw AppError.notFound('No such cart (it may have expired)');
  return parsed.data;
}

/**
 * A malformed product id is the caller's mistake: 400 naming `productId`. UUIDs
 * are case-insensitive, and the catalog answers in lower case: an id stored in
 * upper case would never match its product, and the line would vanish.
 */
export function productIdOf(req: Request): string {
  const { productId } = parseInput(ProductIdParam, { productId: req.params.productId }, 'params');
  return productId.toLowerCase();
}

import { Router } from 'express';
import {
  CreateProduct,
  ProductSearchQuery,
  SetStock,
  Slug,
  SuggestQuery,
  UpdateProduct,
  Uuid,
} from '@portside/contracts';
import { AppError, parseInput } from '@portside/service-kit';
import { z } from 'zod';
import type { Catalog } from '../domain/catalog';
import type { Suggestions } from '../domain/suggestions';
import { requireAdmin } from './admin-auth';
import { sendJsonBytes } from './send-json-bytes';

const IdOrSlug = z.strictObject({ idOrSlug: z.string().min(1).max(120) });
const ProductId = z.strictObject({ id: Uuid });

export function productRoutes(
  catalog: Catalog,
  suggestions: Suggestions,
  adminToken: string,
): Router {
  const router = Router();
  const admin = requireAdmin(adminToken);

  router.get('/api/products', async (req, res) => {
    const query = parseInput(ProductSearchQuery, req.query, 'query');
    sendJsonBytes(res, await catalog.listProducts(query));
  });

  // Before /:idOrSlug, which would take "suggest" for a slug.
  router.get('/api/products/suggest', async (req, res) => {
    const { q, limit } = parseInput(SuggestQuery, req.query, 'query');
    res.json(await suggestions.suggest(q, limit));
  });

  router.get('/api/products/:idOrSlug', async (req, res) => {
    const { idOrSlug } = parseInput(IdOrSlug, req.params, 'params');
    // Neither a UUID nor a slug names no product: answered here, before it reaches
    // PostgreSQL (which refuses a NUL byte with an error) or the cache (as a key).
    if (!Uuid.safeParse(idOrSlug.toLowerCase()).success && !Slug.safeParse(idOrSlug).success) {
      throw AppError.notFound('No such product');
    }
    sendJsonBytes(res, await catalog.getProduct(idOrSlug));
  });

  router.post('/api/products', admin, async (req, res) => {
    const product = await catalog.createProduct(parseInput(CreateProduct, req.body));
    res.status(201).location(`/api/products/${product.id}`).json(product);
  });

  router.patch('/api/products/:id', admin, async (req, res) => {
    const { id } = parseInput(ProductId, req.params, 'params');
    res.json(await catalog.updateProduct(id, parseInput(UpdateProduct, req.body)));
  });

  router.put('/api/products/:id/stock', admin, async (req, res) => {
    const { id } = parseInput(ProductId, req.params, 'params');
    const { stock } = parseInput(SetStock, req.body);
    res.json(await catalog.setStock(id, stock));
  });

  return router;
}

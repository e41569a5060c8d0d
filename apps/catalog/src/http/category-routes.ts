import { Router } from 'express';
import { Slug } from '@portside/contracts';
import { parseInput } from '@portside/service-kit';
import { z } from 'zod';
import type { Catalog } from '../domain/catalog';

const ImageParams = z.strictObject({ slug: Slug });
const A_YEAR = 365 * 24 * 3600;

export function categoryRoutes(catalog: Catalog): Router {
  const router = Router();
  router.get('/api/categories', async (_req, res) => {
    res.json(await catalog.categoryTree());
  });
  return router;
}

export function imageRoutes(catalog: Catalog): Router {
  const router = Router();
  router.get('/api/images/products/:slug.svg', async (req, res) => {
    const { slug } = parseInput(ImageParams, req.params, 'params');
    const svg = await catalog.productImage(slug);
    res
      .type('image/svg+xml')
      .set('cache-control', `public, max-age=${A_YEAR}, immutable`)
      // The picture is generated from text: no scripts, no external loads.
      .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(svg);
  });
  return router;
}

import { Router } from 'express';
import { openApiDocument } from '@portside/contracts';

/**
 * GET /api/openapi.json: the contract of the whole public API (catalog, cart
 * and order), generated from @portside/contracts at boot. The catalog serves
 * it because it is the one service every deployment reaches with no state.
 */
export function openApiRoute(): Router {
  const router = Router();
  const body = JSON.stringify(openApiDocument());
  router.get('/api/openapi.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').type('application/json').send(body);
  });
  return router;
}

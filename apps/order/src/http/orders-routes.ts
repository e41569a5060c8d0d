import { Router, type Request, type Response } from 'express';
import { CheckoutRequest, IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '@portside/contracts';
import {
  AppError,
  isAppError,
  parseInput,
  PROBLEM_CONTENT_TYPE,
  problemOf,
  type Logger,
} from '@portside/service-kit';
import type { Checkout } from '../domain/checkout';
import { fingerprintOf, runIdempotently, type IdempotencyStore } from '../domain/idempotency';
import { keyIdOf } from '../domain/idempotency-seal';
import type { OrderAccess } from '../domain/order-access';
import { bearerToken, orderTokens } from './bearer';

/** What a repeat of a checkout still in progress is told to wait before asking again. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

export interface OrderRoutesDeps {
  checkout: Checkout;
  access: OrderAccess;
  idempotency: IdempotencyStore;
  logger: Logger;
  recordOutcome?: (status: number, body: unknown, replayed: boolean) => void;
}

export function orderRoutes(deps: OrderRoutesDeps): Router {
  const { checkout, access, idempotency, logger, recordOutcome } = deps;
  const router = Router();

  // Orders carry personal data and access tokens: no cache may keep them.
  router.use('/api/orders', (_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });

  router.post('/api/orders', async (req, res) => {
    const idempotencyKey = idempotencyKeyOf(req);
    const request = parseInput(CheckoutRequest, req.body);
    const { response, replayed } = await runIdempotently(
      idempotency,
      idempotencyKey,
      fingerprintOf(request),
      async (resume) => {
        try {
          const key = { key: idempotencyKey, keyId: keyIdOf(idempotencyKey), resume };
          return { status: 201, body: await checkout.placeOrder(request, key) };
        } catch (err) {
          // Judged outcomes (declines, out of stock...) become answers that can be stored and replayed.
          if (!isAppError(err)) throw err;
          if (err.status >= 500) logger.warn({ err, code: err.code }, 'checkout failed upstream');
          return { status: err.status, body: problemOf(err, req.originalUrl) };
        }
      },
    ).catch((err: unknown) => {
      // The first request with this key is still running: its answer is usually a moment away.
      if (isAppError(err) && err.code === 'idempotency_key_in_flight')
        res.setHeader('Retry-After', String(IN_FLIGHT_RETRY_AFTER_SECONDS));
      throw err;
    });
    recordOutcome?.(response.status, response.body, replayed);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    send(res, response.status, response.body);
  });

  router.get('/api/orders', async (req, res) => {
    res.json(await access.history(orderTokens(req)));
  });

  router.get('/api/orders/:id', async (req, res) => {
    res.json(await access.getOrder(req.params.id, bearerToken(req)));
  });

  return router;
}

function idempotencyKeyOf(req: Request): string {
  const value = req.get(IDEMPOTENCY_KEY_HEADER);
  const field = 'Idempotency-Key';
  if (value === undefined || value === '') {
    throw AppError.invalid(`The ${field} header is required`, [{ field, message: 'is required' }]);
  }
  const parsed = IdempotencyKey.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is not valid';
    throw AppError.invalid(`The ${field} header ${message}`, [{ field, message }]);
  }
  return parsed.data;
}

function send(res: Response, status: number, body: unknown) {
  if (status >= 400) res.type(PROBLEM_CONTENT_TYPE);
  res.status(status).json(body);
}

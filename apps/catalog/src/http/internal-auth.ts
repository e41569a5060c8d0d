import type { RequestHandler } from 'express';
import { AppError, requireBearer, timingSafeEqualText } from '@portside/service-kit';

/**
 * /internal routes serve other services only: they must present
 * `Authorization: Bearer <INTERNAL_TOKEN>` (compared in constant time). None
 * is 401, another token 403, before any body is read or parsed.
 */
export function requireInternalToken(internalToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = requireBearer(req);
    if (!timingSafeEqualText(token, internalToken)) {
      throw new AppError('forbidden', 'This token may not call internal routes');
    }
    next();
  };
}

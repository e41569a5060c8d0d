import type { RequestHandler } from 'express';
import { AppError, requireBearer, timingSafeEqualText } from '@portside/service-kit';

/** Admin writes need `Authorization: Bearer <ADMIN_TOKEN>`: none is 401, another token 403. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = requireBearer(req);
    if (!timingSafeEqualText(token, adminToken)) {
      throw new AppError('forbidden', 'This token may not change the catalog');
    }
    next();
  };
}

import type { Request } from 'express';
import { ORDER_TOKENS_HEADER } from '@portside/contracts';

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** Every order token the client presents: its Bearer token and the Order-Tokens list. */
export function orderTokens(req: Request): string[] {
  const listed = (req.get(ORDER_TOKENS_HEADER) ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const bearer = bearerToken(req);
  return bearer ? [bearer, ...listed] : listed;
}

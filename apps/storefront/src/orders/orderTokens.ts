import { MAX_HISTORY_TOKENS } from '@portside/contracts';

const KEY = 'portside.orderTokens';

/**
 * The access tokens of the orders placed in this browser: order history shows
 * exactly these orders (the API never lists orders by email). Newest first,
 * as many as one history request may carry.
 */
export function rememberOrderToken(token: string, storage: Storage = localStorage): void {
  const kept = orderTokens(storage).filter((t) => t !== token);
  storage.setItem(KEY, JSON.stringify([token, ...kept].slice(0, MAX_HISTORY_TOKENS)));
}

export function orderTokens(storage: Storage = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * One checkout attempt, one Idempotency-Key. The key survives double clicks,
 * retries and reloads (sessionStorage) and is replaced only when what would be
 * sent changes (the cart or the form): sending a used key with a different body
 * is refused by the API, and a new body is a new attempt. Once the order
 * succeeds the key is dropped.
 */
const KEY = 'portside.checkoutAttempt';

type Attempt = { key: string; fingerprint: string };

/** A short, stable digest so nothing the shopper typed (card numbers) is stored. */
export function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** 128 random bits; getRandomValues also works outside secure contexts, unlike randomUUID. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `co_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function read(storage: Storage): Attempt | undefined {
  try {
    const raw = storage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Attempt>) : undefined;
    return parsed?.key && parsed.fingerprint ? (parsed as Attempt) : undefined;
  } catch {
    return undefined;
  }
}

/** The key for this exact submission: the stored one if nothing changed, else a new one kept from now on. */
export function idempotencyKeyFor(payload: unknown, storage: Storage = sessionStorage): string {
  const fingerprint = digest(JSON.stringify(payload));
  const stored = read(storage);
  if (stored?.fingerprint === fingerprint) return stored.key;
  const attempt = { key: newKey(), fingerprint };
  try {
    storage.setItem(KEY, JSON.stringify(attempt));
  } catch {
    // Without storage the key still holds for this page's retries and double clicks.
  }
  return attempt.key;
}

export function forgetCheckoutAttempt(storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

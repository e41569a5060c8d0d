import {
  IDEMPOTENCY_KEY_TTL_MS,
  type ClaimOutcome,
  type IdempotencyStore,
  type StoredResponse,
} from '../domain/idempotency';
import type { PrismaClient } from '../generated/prisma/client';

const ttlSeconds = IDEMPOTENCY_KEY_TTL_MS / 1000;

/** Idempotency keys in PostgreSQL; the claim is a single atomic INSERT ... ON CONFLICT DO NOTHING. */
export class PrismaIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** A run holds its key this long; past it, a retry of the same request takes over. */
    private readonly leaseSeconds = 15,
  ) {}

  async claim(keyId: string, fingerprint: string): Promise<ClaimOutcome> {
    // A key deleted between our insert and our read (its request failed with a 5xx) is claimed again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.insert(keyId, fingerprint)) return { claimed: true, resumed: false };
      if (await this.takeOver(keyId, fingerprint)) return { claimed: true, resumed: true };
      const row = await this.prisma.idempotencyKey.findUnique({ where: { key: keyId } });
      if (!row) continue;
      const response: StoredResponse | null =
        row.responseStatus === null ? null : { status: row.responseStatus, body: row.responseBody };
      return { claimed: false, fingerprint: row.fingerprint, state: row.state, response };
    }
    return { claimed: false, fingerprint, state: 'in_progress', response: null };
  }

  async complete(keyId: string, response: StoredResponse): Promise<void> {
    const updated = await this.prisma.$executeRaw`
      UPDATE idempotency_keys
         SET state = 'completed', response_status = ${response.status},
             response_body = ${JSON.stringify(response.body)}::jsonb
       WHERE key = ${keyId}`;
    if (updated !== 1) throw new Error('idempotency key vanished before its answer was stored');
  }

  async release(keyId: string): Promise<void> {
    await this.prisma.$executeRaw`
      WITH forgotten AS (
        DELETE FROM idempotency_keys
        WHERE key = ${keyId} AND state = 'in_progress'
          AND NOT EXISTS (SELECT 1 FROM orders WHERE idempotency_key = ${keyId})
        RETURNING key
      )
      UPDATE idempotency_keys SET locked_at = 'epoch'
      WHERE key = ${keyId} AND state = 'in_progress' AND NOT EXISTS (SELECT 1 FROM forgotten)`;
  }

  /**
   * Drops keys past their 24 hours, except those an order was placed under:
   * they stay, so that key can never make a second order.
   */
  async purgeExpired(): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM idempotency_keys k
      WHERE k.expires_at < now()
        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.idempotency_key = k.key)`;
  }

  private async insert(keyId: string, fingerprint: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<Array<{ key: string }>>`
      INSERT INTO idempotency_keys (key, fingerprint, state, locked_at, created_at, expires_at)
      VALUES (${keyId}, ${fingerprint}, 'in_progress', now(), now(), now() + make_interval(secs => ${ttlSeconds}))
      ON CONFLICT (key) DO NOTHING
      RETURNING key`;
    return rows.length === 1;
  }

  /**
   * An expired key without an order starts afresh; an unfinished run of the
   * same request whose lease lapsed is taken over (its process died, or let go).
   */
  private async takeOver(keyId: string, fingerprint: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<Array<{ key: string }>>`
      UPDATE idempotency_keys
         SET fingerprint = ${fingerprint}, state = 'in_progress', response_status = NULL,
             response_body = NULL, locked_at = now(), created_at = now(),
             expires_at = now() + make_interval(secs => ${ttlSeconds})
       WHERE key = ${keyId}
         AND ((expires_at <= now()
               AND NOT EXISTS (SELECT 1 FROM orders WHERE idempotency_key = ${keyId}))
              OR (state = 'in_progress' AND fingerprint = ${fingerprint}
                  AND locked_at < now() - make_interval(secs => ${this.leaseSeconds})))
      RETURNING key`;
    return rows.length === 1;
  }
}

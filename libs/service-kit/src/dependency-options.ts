/**
 * Client options that make a PostgreSQL or Redis that stops answering fail a
 * request quickly instead of holding it: typed structurally, so this lib
 * needs neither `pg` nor `ioredis`.
 */

export interface PostgresTimeouts {
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}

/** node-postgres pool options (the Prisma pg adapter takes them as they are). */
export function postgresPoolOptions(databaseUrl: string, max: number, t: PostgresTimeouts) {
  return {
    connectionString: databaseUrl,
    max,
    // Opening a connection, and waiting for a free one in the pool.
    connectionTimeoutMillis: t.DATABASE_CONNECT_TIMEOUT_MS,
    // The server cancels a statement that runs too long...
    statement_timeout: t.DATABASE_STATEMENT_TIMEOUT_MS,
    // ...and the client stops waiting for a server that does not answer at all (paused, cut off).
    query_timeout: t.DATABASE_STATEMENT_TIMEOUT_MS + 500,
    // A transaction left open by a crashed request must not hold row locks for long.
    idle_in_transaction_session_timeout: t.DATABASE_STATEMENT_TIMEOUT_MS * 2,
    // Dead peers are noticed by TCP too, not only by the timeouts above.
    keepAlive: true,
  };
}

export interface RedisTimeouts {
  REDIS_CONNECT_TIMEOUT_MS: number;
  REDIS_COMMAND_TIMEOUT_MS: number;
}

/**
 * ioredis options: every command times out, queued ones included (the timer
 * starts when the command is issued), so the offline queue cannot hold a
 * request for longer than the command timeout. A service for which Redis is
 * only a cache passes `offlineQueue: false` to fall back at once instead.
 */
export function redisClientOptions(t: RedisTimeouts, { offlineQueue = true } = {}) {
  return {
    connectTimeout: t.REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: t.REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: offlineQueue,
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background, at most every 2 s.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}

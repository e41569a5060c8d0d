import { PrismaPg } from '@prisma/adapter-pg';
import { postgresPoolOptions, type PostgresTimeouts } from '@portside/service-kit';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };

const DEFAULT_TIMEOUTS: PostgresTimeouts = {
  DATABASE_CONNECT_TIMEOUT_MS: 2_000,
  DATABASE_STATEMENT_TIMEOUT_MS: 5_000,
};

/**
 * Prisma Client over node-postgres: no native engine, a bounded pool, and
 * connect and statement timeouts so a database that stops answering fails a
 * request quickly (503) instead of holding it.
 */
export function createPrisma(
  databaseUrl: string,
  poolSize = 10,
  timeouts: PostgresTimeouts = DEFAULT_TIMEOUTS,
): PrismaClient {
  const adapter = new PrismaPg(postgresPoolOptions(databaseUrl, poolSize, timeouts));
  return new PrismaClient({ adapter });
}

import { PrismaPg } from '@prisma/adapter-pg';
import { postgresPoolOptions, type PostgresTimeouts } from '@portside/service-kit';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };

const DEFAULT_TIMEOUTS: PostgresTimeouts = {
  DATABASE_CONNECT_TIMEOUT_MS: 2_000,
  DATABASE_STATEMENT_TIMEOUT_MS: 5_000,
};

const pools = new WeakMap<PrismaClient, Pool>();

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
  const pool = new Pool(postgresPoolOptions(databaseUrl, poolSize, timeouts));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
  });
  pools.set(prisma, pool);
  return prisma;
}

/** The node-postgres pool under a client createPrisma made, for its metrics. */
export const poolOf = (prisma: PrismaClient): Pool | undefined => pools.get(prisma);

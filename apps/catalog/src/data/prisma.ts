import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };

const pools = new WeakMap<PrismaClient, Pool>();

/** Prisma Client over node-postgres: no native engine, a bounded pool. */
export function createPrisma(databaseUrl: string, poolSize = 10): PrismaClient {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
  });
  pools.set(prisma, pool);
  return prisma;
}

/** The node-postgres pool under a client createPrisma made, for its metrics. */
export const poolOf = (prisma: PrismaClient): Pool | undefined => pools.get(prisma);

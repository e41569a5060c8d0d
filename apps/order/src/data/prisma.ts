import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };

/** Prisma 7 with the node-postgres driver adapter: no native engine needed. */
export function createPrismaClient(databaseUrl: string, maxConnections = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: maxConnections }),
  });
}

import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Read by the Prisma CLI only. `generate` needs no database, so the URL may be absent.
export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/orders' },
});

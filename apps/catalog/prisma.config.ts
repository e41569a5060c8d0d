import { defineConfig } from 'prisma/config';

// The Prisma CLI's view of the database. The service itself reads DATABASE_URL
// through its config schema; this file only serves `prisma` commands.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/catalog' },
});

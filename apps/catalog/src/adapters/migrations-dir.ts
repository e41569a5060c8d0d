import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The committed Prisma migrations: two levels up from src/adapters in development,
 * one level up from the bundled dist/ in the image.
 */
export const MIGRATIONS_DIR =
  [
    path.resolve(__dirname, '../../prisma/migrations'),
    path.resolve(__dirname, '../prisma/migrations'),
  ].find((dir) => existsSync(dir)) ?? path.resolve(__dirname, '../../prisma/migrations');

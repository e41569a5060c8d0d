import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

/** Reads prisma/migrations the way the Prisma CLI does: one folder per migration, sorted by name. */
export function readMigrationsDir(migrationsDir: string): MigrationList {
  const baseDir = resolve(migrationsDir);
  const lockPath = join(baseDir, 'migration_lock.toml');
  const migrationDirectories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
        .map((name) => {
          const file = join(baseDir, name, 'migration.sql');
          return {
            path: name,
            migrationFile: {
              path: 'migration.sql',
              content: existsSync(file)
                ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
                : { tag: 'error' as const, value: `${file} is missing` },
            },
          };
        })
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

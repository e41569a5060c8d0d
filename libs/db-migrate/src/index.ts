export { migrateDatabase, type MigrateOptions } from './migrate';
export { diffSchemas, type DiffOptions } from './diff';
export { ensureDatabase } from './ensure-database';
export { readMigrationsDir } from './migrations-dir';

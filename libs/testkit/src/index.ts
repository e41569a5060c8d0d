export { createTestDatabase, postgresServer, type TestDatabase } from './postgres';
export { startRedis, type TestRedis } from './redis';
export { closedPort } from './ports';

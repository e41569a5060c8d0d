export { createTestDatabase, postgresServer, type TestDatabase } from './postgres';
export { startRedis, type TestRedis } from './redis';
export { closedPort, freePort } from './ports';
export {
  runServiceScript,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from './service-process';
export { startShopServices, type ShopServices, type ShopServicesOptions } from './shop-services';
export {
  startPostgresContainer,
  startRedisContainer,
  type PausableContainer,
  type PostgresContainerOptions,
} from './containers';

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'catalog',
  // The schema engine (used by the migrations the API tests apply) ships as ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  // API tests talk to real PostgreSQL and Redis and start child processes.
  testTimeout: 60_000,
  // Two cores are shared: a couple of workers, each with its own database.
  maxWorkers: 2,
};

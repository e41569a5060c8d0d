module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'db-migrate',
  testTimeout: 60_000,
  // The schema engine's glue is an ES module: let SWC turn it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
};

module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'loadtests',
  // The journey test may start the services on this host and seed a database first.
  testTimeout: 120_000,
};

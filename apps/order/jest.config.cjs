module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'order',
  // Unit specs may not leave loopback (DESIGN: outbound network blocked in unit tests).
  setupFilesAfterEnv: ['<rootDir>/test/support/block-outbound-network.ts'],
  // API tests create a database each and start real HTTP servers: give them room, but bounded.
  testTimeout: 60_000,
};

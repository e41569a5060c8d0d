module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'cart',
  setupFilesAfterEnv: ['<rootDir>/test/support/block-outbound-network.ts'],
  // API tests start servers and talk to Redis: give them room, but bounded.
  testTimeout: 20_000,
};

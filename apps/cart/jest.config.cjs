module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'cart',
  // API tests start servers and talk to Redis: give them room, but bounded.
  testTimeout: 20_000,
};

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'order',
  // API tests create a database each and start real HTTP servers: give them room, but bounded.
  testTimeout: 60_000,
};

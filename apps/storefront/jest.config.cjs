// Component and logic tests run in jsdom; the browser journey has its own config (jest.e2e.config.cjs).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'storefront',
  testEnvironment: 'jsdom',
  // jsdom renders on a shared 2-core machine: room to finish, still bounded.
  testTimeout: 20_000,
  setupFiles: ['<rootDir>/src/test/jsdomGlobals.ts'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/styleStub.cjs' },
};

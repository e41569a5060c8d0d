// Component and logic tests run in jsdom; the browser journey has its own config (jest.e2e.config.cjs).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'storefront',
  testEnvironment: 'jsdom',
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/styleStub.cjs' },
};

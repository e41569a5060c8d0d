// The shopper's journey in a real Chromium against a running stack (E2E_BASE_URL), outside the unit `test` target.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'storefront-e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testTimeout: 120_000,
};

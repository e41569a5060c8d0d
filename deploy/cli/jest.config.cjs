module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'cli',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  // End-to-end suites share one Docker Engine and one registry: run them one after another.
  maxWorkers: 1,
  testTimeout: 240_000,
};

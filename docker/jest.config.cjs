// Container-tier tests: one stack (built images, Compose) for every suite in
// this folder, brought up once by the global setup and always taken down.
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'docker',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/stop-last-sequencer.cjs',
  maxWorkers: 1,
  testTimeout: 300_000,
};

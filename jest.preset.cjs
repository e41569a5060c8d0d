// Shared Jest settings: TypeScript through SWC (fast, no type-check: `typecheck` does that).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  // DESIGN: unit specs may not leave loopback (API tests, *.test.ts, are left alone).
  setupFilesAfterEnv: [path.join(__dirname, 'libs/testkit/src/block-outbound-network.ts')],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)', '<rootDir>/test/**/*.test.ts?(x)'],
  clearMocks: true,
};

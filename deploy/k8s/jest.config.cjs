const { ESM_ONLY_PACKAGES } = require('./jest.esm-resolver.cjs');

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'k8s',
  resolver: '<rootDir>/jest.esm-resolver.cjs',
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};

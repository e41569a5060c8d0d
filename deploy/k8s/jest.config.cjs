// kubernetes-models and @kubernetes/client-node ship ES modules only: resolve
// their `import` entries and let SWC turn them into CommonJS like our code.
const esmOnly = ['kubernetes-models', '@kubernetes-models', '@kubernetes/client-node', 'is-cidr', 'cidr-regex', 'ip-regex'];

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'k8s',
  testEnvironmentOptions: { customExportConditions: ['node', 'import'] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

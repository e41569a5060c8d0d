// kubernetes-models and @kubernetes/client-node ship ES modules only, exported
// under the `import` condition. Resolve just those packages with it (so every
// other package keeps its CommonJS entry) and let SWC compile them.
const ESM_ONLY =
  /^(kubernetes-models|@kubernetes-models\/[^/]+|@kubernetes\/client-node|is-cidr|cidr-regex|ip-regex)(\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(request, {
    ...options,
    conditions: ESM_ONLY.test(request)
      ? [...(options.conditions ?? []), 'import']
      : options.conditions,
  });

module.exports.ESM_ONLY_PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models',
  '@kubernetes/client-node',
  'is-cidr',
  'cidr-regex',
  'ip-regex',
];

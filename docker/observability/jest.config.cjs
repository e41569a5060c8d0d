// Runs Prometheus, promtool and the exporters in containers (the local/* stand-ins in CI)
// against the real services started on this host.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'observability',
  maxWorkers: 1,
  testTimeout: 180_000,
};

// Runs the Compose stack with the observability layer (Prometheus, Alertmanager,
// the exporters, the edge; the local/* stand-ins in CI) and promtool, in containers.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'observability',
  maxWorkers: 1,
  testTimeout: 180_000,
};

module.exports = { ...require('../../jest.preset.cjs'), displayName: 'perf-models' };

module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'course',
  // The course test brings the Compose stack up once and plays all nine lessons on it.
  testTimeout: 900_000,
};

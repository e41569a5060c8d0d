// Suites run by name, except that the one stopping containers runs last.
const Sequencer = require('@jest/test-sequencer').default;

const STOPS_CONTAINERS = /graceful-stop\.test\.ts$/;

class StopLastSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => {
      const rank = (t) => (STOPS_CONTAINERS.test(t.path) ? 1 : 0);
      return rank(a) - rank(b) || a.path.localeCompare(b.path);
    });
  }
}

module.exports = StopLastSequencer;

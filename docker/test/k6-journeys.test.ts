import { run } from './support/run';
import { currentStack, repoRoot } from './support/stack';

const { baseUrl } = currentStack();

describe('the k6 load test journeys', () => {
  it('run every journey once against the containerized stack, every check passing', async () => {
    // k6 itself cannot be installed here: loadtests/test/journeys.test.ts runs the
    // scripts through its k6 stand-in, pointed at this stack's published port.
    const result = await run(
      'npx',
      ['jest', '-c', 'loadtests/jest.config.cjs', 'loadtests/test/journeys.test.ts'],
      { cwd: repoRoot, env: { ...process.env, LOADTEST_BASE_URL: baseUrl }, timeoutMs: 300_000 },
    );
    if (result.code !== 0) {
      throw new Error(
        `the k6 journeys failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  });
});

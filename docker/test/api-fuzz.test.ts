import { run } from './support/run';
import { currentStack, repoRoot } from './support/stack';

// The OpenAPI fuzz (loadtests/test/api-fuzz.test.ts) through this stack's real HAProxy
// edge, with its rate limits on. It runs first on the stack, and with 8 runs per
// operation its writes stay under every limit (at most 4 cart-write operations × 8,
// 1 checkout × 8, 3 catalog writes × 8, plus a few to set up); a 429 would still pass
// (not a 5xx, and problem+json) but would test less. No admin token: the stack is
// shared by the suites after this one, whose products must stay as seeded; admin
// writes are fuzzed with the token on the services' own stack (npm test in loadtests).
const { baseUrl } = currentStack();
// Few: the services' own stack fuzzes 40 runs per operation; this run is about the edge.
const RUNS_PER_OPERATION = 8;

describe('the API through the real edge', () => {
  it('answers every fuzzed request of every operation without a 5xx, errors as problem+json', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOADTEST_BASE_URL: baseUrl,
      API_FUZZ_RUNS: String(RUNS_PER_OPERATION),
    };
    delete env['ADMIN_TOKEN'];
    const result = await run(
      'npx',
      ['jest', '-c', 'loadtests/jest.config.cjs', 'loadtests/test/api-fuzz.test.ts'],
      { cwd: repoRoot, env, timeoutMs: 300_000 },
    );
    const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    if (result.code !== 0) throw new Error(`the fuzz failed (exit ${result.code}):\n${output}`);
    const totals = /api fuzz: (\d+) operations, (\d+) requests, (\d+) server errors.*/.exec(output);
    process.stdout.write(`\n${totals?.[0]} (through ${baseUrl})\n`);
    expect(Number(totals?.[1])).toBeGreaterThanOrEqual(10);
    expect(Number(totals?.[2])).toBeGreaterThanOrEqual(Number(totals?.[1]) * RUNS_PER_OPERATION);
    expect(Number(totals?.[3])).toBe(0);
  }, 300_000);
});

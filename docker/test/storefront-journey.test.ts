import { run } from './support/run';
import { currentStack, repoRoot } from './support/stack';

const { baseUrl } = currentStack();

describe('the storefront in a browser', () => {
  it('passes the shopper journey (apps/storefront/e2e) against the edge', async () => {
    const result = await run('npm', ['run', 'e2e', '--workspace', 'apps/storefront'], {
      cwd: repoRoot,
      env: { ...process.env, E2E_BASE_URL: baseUrl },
      timeoutMs: 300_000,
    });
    if (result.code !== 0) {
      throw new Error(
        `the storefront journey failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    expect(result.code).toBe(0);
  });
});

import { waitLimitMs } from './rollout';

describe('how long a workload is waited for', () => {
  const deployment = (progressDeadlineSeconds?: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { progressDeadlineSeconds },
  });

  it("waits out a Deployment's own progress deadline, plus a margin, unless told how long", () => {
    expect(waitLimitMs(deployment(), { pollMs: 1 })).toBe(630_000);
    expect(waitLimitMs(deployment(120), { pollMs: 1 })).toBe(150_000);
    expect(waitLimitMs(deployment(120), { pollMs: 1, timeoutMs: 5_000 })).toBe(5_000);
    expect(
      waitLimitMs(
        { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' } },
        { pollMs: 1 },
      ),
    ).toBe(300_000);
  });
});

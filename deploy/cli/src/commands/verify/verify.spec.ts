import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { VerificationFailedError } from '../../core/errors';
import { fakeContext } from '../../testing/fake-context';
import { FakeDocker } from '../../testing/fake-docker';
import { FakeKube } from '../../testing/fake-kube';
import { readVerdicts } from '../../perf/verdicts';
import { ResultsStore } from '../../perf/results-store';
import { deploy } from '../deploy';

// deploy --verify on Kubernetes (the API faked behind our interface, as in the other k8s specs;
// the load is real HTTP on loopback, a server standing in for the ingress whose delay stands in
// for the release): a slower release is rolled back to the one before it through the ordinary
// rollback path, and the verdict is kept.

const manifests = path.resolve(__dirname, '../../../test/fixtures/k8s');
const images = (digest: string) => ({
  api: { image: `reg/portside/api@${digest}`, digest },
  greeter: { image: `reg/portside/greeter@${digest}`, digest },
});
// The workspace's own profile, as a plan file (loadtests/plans/quick.json).
const QUICK = {
  connections: 2,
  durationSeconds: 1,
  journeys: [{ name: 'hello', weight: 1, requests: [{ method: 'GET', path: '/hello' }] }],
  slo: { hello: { p95Ms: 5000, p99Ms: 10000, maxErrorRate: 0.01 } },
};

describe('deploy --verify on Kubernetes', () => {
  let root: string;
  let ctx: CommandContext;
  let kube: FakeKube;
  let server: http.Server;
  let url: string;
  let delayMs = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => setTimeout(() => res.end('hi'), delayMs));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-verify-unit-'));
    mkdirSync(path.join(root, 'loadtests', 'plans'), { recursive: true });
    writeFileSync(path.join(root, 'loadtests', 'plans', 'quick.json'), JSON.stringify(QUICK));
    kube = new FakeKube();
    ctx = fakeContext(root, new FakeDocker());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const verified = (digest: string) =>
    deploy(
      {
        target: 'k8s',
        images: images(digest),
        kube,
        manifests,
        pollMs: 1,
        rolloutTimeoutMs: 1000,
        verify: { profile: 'quick', runs: 4, margin: 1, url },
      },
      ctx,
    );

  it('keeps a release that is as fast as the one before, and rolls back one that is slower', async () => {
    delayMs = 0;
    await verified('sha256:a');
    const first = (await ctx.ledger.read()).releases[0]!;
    const firstVerdict = (await readVerdicts(ResultsStore.beside(ctx.ledger))).at(-1);
    expect(firstVerdict).toMatchObject({ release: first.id, passed: true });
    expect(firstVerdict!.checks.find((c) => c.name === 'baseline')?.detail).toMatch(
      /judged on SLOs only/,
    );

    delayMs = 60;
    await expect(verified('sha256:b')).rejects.toBeInstanceOf(VerificationFailedError);
    const releases = (await ctx.ledger.read()).releases;
    expect(releases.map((r) => [r.services['api']!.digest, r.outcome, r.rollbackOf])).toEqual([
      ['sha256:a', 'succeeded', undefined],
      ['sha256:b', 'failed', undefined],
      ['sha256:a', 'succeeded', first.id],
    ]);
    const deployment = kube.applied.filter((o) => o.kind === 'Deployment').at(-1) as unknown as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(deployment.spec.template.spec.containers[0]!.image).toContain('sha256:a');
    const verdict = (await readVerdicts(ResultsStore.beside(ctx.ledger))).at(-1);
    expect(verdict).toMatchObject({
      release: releases[1]!.id,
      passed: false,
      baseline: first.id,
      rolledBackTo: first.id,
    });
    expect(verdict!.reasons.join('\n')).toMatch(/regression hello p95/);
  });

  it('refuses to roll anything out when there is no address to verify against', async () => {
    await expect(
      deploy(
        {
          target: 'k8s',
          images: images('sha256:a'),
          kube,
          manifests,
          verify: { profile: 'quick' },
        },
        ctx,
      ),
    ).rejects.toThrow(/needs --url/);
    expect(kube.applied).toEqual([]);
  });
});

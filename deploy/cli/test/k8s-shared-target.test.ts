import { digest } from './support/kube-workspace';
import {
  containerImages,
  FIXTURE_MANIFESTS as MANIFESTS,
  k8sCommand,
  kubeTargetForFile,
} from './support/kube-target';
import { startCli } from './support/run-cli';

// Two working copies (their own folders, ledgers and state) deploying to one namespace of one
// cluster (the API stand-in): the history and the lock live in the namespace, so each sees and
// respects what the other did.

const LEASE = 'Lease/shop/portside-lock';
const kube = kubeTargetForFile('shop', ['first', 'second']);

const deployArgs = k8sCommand('deploy', MANIFESTS);
const json = (stdout: string) => JSON.parse(stdout);
const imageOf = (name: string) => containerImages(kube.api, 'shop', name)[0];

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 600) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it("the second copy lists the first copy's releases, read from the namespace", async () => {
  kube.copies.first.pushed('a');
  expect((await kube.copies.first.cli([...deployArgs])).code).toBe(0);
  kube.copies.first.pushed('b');
  expect((await kube.copies.first.cli([...deployArgs])).code).toBe(0);

  const listed = await kube.copies.second.cli(['releases', '--target', 'k8s', '--output', 'json']);
  expect(listed.code).toBe(0);
  const { where, releases } = json(listed.stdout);
  expect(where).toBe('namespace shop of context stand-in');
  expect(releases).toEqual([
    expect.objectContaining({ id: expect.stringMatching(/^r1-/), outcome: 'succeeded' }),
    expect.objectContaining({ id: expect.stringMatching(/^r2-/), outcome: 'succeeded' }),
  ]);
  expect(releases[1].services.api.digest).toBe(digest('b'));
  expect(releases[1].by).toMatch(/@.+ \(pid \d+\)$/);
  expect(releases[1].manifestsHash).toMatch(/^[0-9a-f]{64}$/);
  // The second copy never deployed: its ledger only caches what it read.
  expect(kube.copies.second.releases()).toHaveLength(2);
  expect(kube.api.objects.has(LEASE)).toBe(false);
});

it('refuses a deploy while the other copy holds the lock, naming the holder (exit 7); status shows it', async () => {
  kube.copies.first.pushed('c');
  kube.api.slowImages.add(`localhost:5000/portside/greeter@${digest('c')}`);
  const running = startCli([...deployArgs, '--rollout-timeout', '120'], {
    cwd: kube.copies.first.root,
    env: { KUBECONFIG: kube.copies.first.kubeconfig },
  });
  await until(() => imageOf('greeter')?.endsWith(digest('c')) ?? false, 'greeter applied');

  kube.copies.second.pushed('d');
  const refused = await kube.copies.second.cli([...deployArgs]);
  expect(refused.code).toBe(7);
  expect(refused.lastLine).toMatch(
    /^portside: namespace shop of context stand-in is locked by .+@.+ \(pid \d+, portside deploy\) since \d{4}-/,
  );
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('c')}`);

  const status = json((await kube.copies.second.cli(['status', '--output', 'json'])).stdout);
  expect(status.k8s.lock).toMatchObject({ command: 'deploy' });
  expect(status.k8s.release.id).toMatch(/^r2-/);

  // SIGTERM to the first: it undoes what it rolled, records the release as interrupted, lets go.
  running.child.kill('SIGTERM');
  const stopped = await running.result;
  expect(stopped.code).toBe(143);
  expect(stopped.stderr).toContain('greeter: undoing (back to the previous template)');
  expect(stopped.stderr).toContain('api: undoing (back to the previous template)');
  expect(stopped.lastLine).toBe('portside: interrupted by SIGTERM');
  expect(imageOf('greeter')).toBe(`localhost:5000/portside/greeter@${digest('b')}`);
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('b')}`);
  expect(kube.api.objects.has(LEASE)).toBe(false);
  const { releases } = json(
    (await kube.copies.second.cli(['releases', '--target', 'k8s', '--output', 'json'])).stdout,
  );
  expect(releases.at(-1)).toMatchObject({
    id: expect.stringMatching(/^r3-/),
    outcome: 'interrupted',
  });
  kube.api.slowImages.clear();
});

it("the second copy rolls back the first copy's release", async () => {
  const rolled = await kube.copies.second.cli(
    k8sCommand('rollback', MANIFESTS, '--output', 'json'),
  );
  expect(rolled.code).toBe(0);
  const { release } = json(rolled.stdout);
  expect(release).toMatchObject({
    id: expect.stringMatching(/^r4-/),
    outcome: 'succeeded',
    rollbackOf: expect.stringMatching(/^r1-/),
  });
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('a')}`);
  const seenByFirst = json(
    (await kube.copies.first.cli(['releases', '--target', 'k8s', '--output', 'json'])).stdout,
  );
  expect(seenByFirst.releases.map((entry: { outcome: string }) => entry.outcome)).toEqual([
    'succeeded',
    'succeeded',
    'interrupted',
    'succeeded',
  ]);
});

it('restarts and scales an app holding the lock', async () => {
  const restarted = await kube.copies.second.cli([
    'restart',
    'api',
    '--target',
    'k8s',
    '--poll-interval',
    '200',
  ]);
  expect(restarted.code).toBe(0);
  const api1 = kube.api.objects.get('Deployment/shop/api') as unknown as {
    spec: { replicas: number; template: { metadata: { annotations: Record<string, string> } } };
  };
  expect(api1.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(
    /^\d{4}-/,
  );
  const scaled = await kube.copies.second.cli([
    'scale',
    'api=3',
    '--target',
    'k8s',
    '--poll-interval',
    '200',
  ]);
  expect(scaled.code).toBe(0);
  expect(
    (kube.api.objects.get('Deployment/shop/api') as unknown as { spec: { replicas: number } }).spec
      .replicas,
  ).toBe(3);
  const bad = await kube.copies.second.cli(['scale', 'api=lots', '--target', 'k8s']);
  expect(bad.code).toBe(2);
  expect(bad.lastLine).toMatch(/scale wants <app>=<replicas>/);
  expect(kube.api.objects.has(LEASE)).toBe(false);
});

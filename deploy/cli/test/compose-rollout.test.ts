import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import {
  containerExists,
  removeComposeProject,
  removeLedger,
  removeContainer,
  removeImages,
  runningContainers,
} from './support/docker-cleanup';
import { createFixtureWorkspace, type FixtureWorkspace } from './support/fixture-workspace';
import { git, gitWorkspace, type GitWorkspace } from './support/git-workspace';
import { registryDigest } from './support/pushed-digest';
import { runCli, startCli } from './support/run-cli';

// The whole Compose path against the real Docker Engine and a real registry: build, push, first
// deploy, a rolling deploy under load, a release that never gets healthy, and a rollback. A second
// working copy (another clone, another state folder) shares the stack: it sees the first copy's
// releases, is refused while the first holds the lock, and rolls the first copy's release back.

const project = `pstest${process.pid}`;
let workspace: FixtureWorkspace;
let edge: string;
let registryWasRunning: boolean;
let env: Record<string, string>;
let second: GitWorkspace;
let secondState: string;

const cli = (...args: string[]) =>
  runCli([...args, '--compose-file', 'docker/compose.yaml', '--project-name', project], {
    cwd: workspace.dir,
    env,
  });
const plainCli = (...args: string[]) => runCli(args, { cwd: workspace.dir, env });
const secondCli = (...args: string[]) =>
  runCli([...args, '--compose-file', 'docker/compose.yaml', '--project-name', project], {
    cwd: second.dir,
    env: { ...env, PORTSIDE_STATE_DIR: secondState },
  });
const ledger = () =>
  JSON.parse(readFileSync(path.join(workspace.dir, '.portside/releases.json'), 'utf8'));

/** What the fixture apps answer. */
interface Reply {
  service: string;
  release: string;
  echo?: string;
  greeting?: string | null;
}

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: Reply }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Reply };
}

beforeAll(async () => {
  workspace = createFixtureWorkspace();
  const port = await freePort();
  edge = `http://127.0.0.1:${port}`;
  env = { EDGE_PORT: String(port) };
  registryWasRunning = containerExists('portside-registry');
  const clone = mkdtempSync(path.join(os.tmpdir(), 'portside-second-'));
  git(os.tmpdir(), 'clone', '-q', workspace.dir, clone);
  second = gitWorkspace(clone);
  secondState = mkdtempSync(path.join(os.tmpdir(), 'portside-second-state-'));
});

afterAll(() => {
  removeComposeProject(project);
  if (!registryWasRunning) removeContainer('portside-registry');
  removeImages('portside/api');
  removeImages('portside/greeter');
  removeImages('localhost:5000/portside/api');
  removeImages('localhost:5000/portside/greeter');
  workspace.remove();
  second.remove();
  rmSync(secondState, { recursive: true, force: true });
  removeLedger(project);
});

it('builds, pushes and deploys every app; the journey works through the edge and what runs is what the registry holds', async () => {
  const up = await cli('up');
  expect(up.stderr).toContain('api: Step 1/');
  expect(up.code).toBe(0);

  const hello = await getJson(`${edge}/api/hello`);
  expect(hello).toEqual({
    status: 200,
    body: expect.objectContaining({ service: 'api', release: '1' }),
  });
  const echoed = await getJson(`${edge}/api/echo`, { method: 'POST', body: 'ping' });
  expect(echoed.body.echo).toBe('ping');
  expect((await getJson(`${edge}/greet/hi`)).body.service).toBe('greeter');

  const status = await cli('status', '--output', 'json');
  expect(status.code).toBe(0);
  const services = JSON.parse(status.stdout).compose.services as {
    service: string;
    digest: string;
    gitSha: string;
    replicas: number;
    health: string[];
  }[];
  const { builds } = ledger();
  for (const app of ['api', 'greeter']) {
    const running = services.find((service) => service.service === app);
    expect(running).toMatchObject({ replicas: 1, health: ['healthy'], gitSha: builds[app].gitSha });
    expect(running?.digest).toBe(await registryDigest(`portside/${app}`, builds[app].tag));
  }
});

it('pushing again skips what the registry already holds', async () => {
  const again = await plainCli('push', '--output', 'json');
  expect(again.code).toBe(0);
  expect(
    JSON.parse(again.stdout).pushed.map((image: { skipped: boolean }) => image.skipped),
  ).toEqual([true, true]);
});

it('rolls every service with zero failed requests while traffic flows through the edge', async () => {
  workspace.commit(
    { 'apps/api/release.txt': '2\n', 'apps/greeter/release.txt': '2\n' },
    'release 2',
  );
  expect((await plainCli('build')).code).toBe(0);
  const pushed = await plainCli('push');
  expect({ code: pushed.code, stderr: pushed.stderr }).toMatchObject({ code: 0 });

  let finish: (result: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const options: autocannon.Options = {
    url: edge,
    connections: 4,
    // Bounded: it is stopped as soon as the rollout ends, and never runs past three minutes.
    duration: 180,
    requests: [
      { method: 'GET', path: '/api/hello' },
      { method: 'POST', path: '/api/echo', body: 'x' },
      { method: 'GET', path: '/greet/hi' },
    ],
  };
  const load = autocannon(options, (_error, result) => finish(result));
  const started = Date.now();
  const deploy = await cli('deploy', '--target', 'compose');
  const rolloutSeconds = (Date.now() - started) / 1000;
  load.stop();
  const result = await finished;

  // With its output, so a failure says why.
  expect({ code: deploy.code, stderr: deploy.stderr }).toMatchObject({ code: 0 });
  expect(deploy.stderr).toContain('api-migrate: done');
  expect(deploy.stderr).toContain('greeter: rolled');
  console.info(
    `rolling deploy of api and greeter: ${result.requests.total} requests in ${rolloutSeconds.toFixed(1)} s, ${result.errors} errors, ${result.non2xx} non-2xx`,
  );
  expect(result.requests.total).toBeGreaterThan(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect((await getJson(`${edge}/api/hello`)).body.release).toBe('2');
  expect((await getJson(`${edge}/greet/hi`)).body.release).toBe('2');
  expect(runningContainers(project, 'api')).toHaveLength(1);

  // Still an ordinary compose service: compose itself sees it and finds nothing to change.
  const ps = await plainCli(
    'logs',
    'api',
    '--compose-file',
    'docker/compose.yaml',
    '--project-name',
    project,
    '--tail',
    '5',
  );
  expect(ps.code).toBe(0);
  const asJson = await cli('logs', 'api', '--tail', '5', '--output', 'json');
  expect(asJson.code).toBe(0);
  const collected = JSON.parse(asJson.stdout) as { services: string[]; lines: string[] };
  expect(collected.services).toEqual(['api-migrate', 'api']);
  expect(collected.lines.length).toBeGreaterThan(0);
});

it("a change to a service's configuration in the compose file rolls that service, and only that one", async () => {
  const file = path.join(workspace.dir, 'docker/compose.yaml');
  const changed = readFileSync(file, 'utf8').replace(
    /(greeter:\n(?:.*\n)*?    environment:\n)/,
    '$1      GREETING: ahoy\n',
  );
  expect(changed).toContain('GREETING: ahoy');
  workspace.commit({ 'docker/compose.yaml': changed }, 'greeter says ahoy');

  const deploy = await cli('deploy', '--target', 'compose');
  expect(deploy.code).toBe(0);
  expect(deploy.stderr).toContain('api: already runs this image and configuration');
  expect(deploy.stderr).toContain('greeter: rolled');
  expect((await getJson(`${edge}/greet/hi`)).body).toMatchObject({
    release: '2',
    greeting: 'ahoy',
  });
  expect(runningContainers(project, 'greeter')).toHaveLength(1);
});

it('a release whose healthcheck never passes leaves the previous release serving and exits 5', async () => {
  workspace.commit({ 'apps/greeter/release.txt': 'broken\n' }, 'a broken greeter');
  expect((await plainCli('build', 'greeter')).code).toBe(0);
  expect((await plainCli('push', 'greeter')).code).toBe(0);

  const running = startCli(
    [
      'deploy',
      '--target',
      'compose',
      '--health-timeout',
      '12',
      '--compose-file',
      'docker/compose.yaml',
      '--project-name',
      project,
    ],
    { cwd: workspace.dir, env },
  );
  while (!running.stderr().includes('greeter: waiting for the new replica(s) to be healthy'))
    await new Promise((resolve) => setTimeout(resolve, 100));

  // Meanwhile, from the second working copy: refused, naming who holds the stack. The holder is
  // paused (SIGSTOP) while the second copy looks, so it cannot finish and let go in between.
  const holder = JSON.parse(
    execFileSync('docker', [
      'inspect',
      '--format',
      '{{index .Config.Labels "io.portside.lock.holder"}}',
      `portside-lock.${project}`,
    ]).toString(),
  ) as { pid: number };
  process.kill(holder.pid, 'SIGSTOP');
  let locked: { compose: { lock?: unknown } };
  try {
    const refused = await secondCli('deploy', '--target', 'compose');
    expect(refused.code).toBe(7);
    expect(refused.lastLine).toMatch(
      new RegExp(
        `^portside: compose project ${project} on .+ is locked by .+@.+ \\(pid \\d+, portside deploy\\) since `,
      ),
    );
    locked = JSON.parse((await secondCli('status', '--output', 'json')).stdout);
  } finally {
    process.kill(holder.pid, 'SIGCONT');
  }
  expect(locked.compose.lock).toMatchObject({ command: 'deploy', pid: holder.pid });

  const deploy = await running.result;
  expect(deploy.code).toBe(5);
  expect(deploy.lastLine).toMatch(/^portside: greeter: the new replica never became healthy/);
  expect((await getJson(`${edge}/greet/hi`)).body.release).toBe('2');
  expect(runningContainers(project, 'greeter')).toHaveLength(1);
  expect(ledger().releases.at(-1)).toMatchObject({ outcome: 'failed', target: 'compose' });
});

it("the second working copy sees the first copy's releases and rolls back to its first one; status shows it", async () => {
  const { releases } = ledger();
  const first = releases[0];
  const listed = await secondCli('releases', '--output', 'json');
  expect(listed.code).toBe(0);
  expect(
    JSON.parse(listed.stdout).releases.map((entry: { id: string; outcome: string }) => [
      entry.id,
      entry.outcome,
    ]),
  ).toEqual(releases.map((entry: { id: string; outcome: string }) => [entry.id, entry.outcome]));

  const rollback = await secondCli('rollback', '--output', 'json');
  expect(rollback.code).toBe(0);
  expect(JSON.parse(rollback.stdout).release).toMatchObject({
    outcome: 'succeeded',
    rollbackOf: first.id,
  });
  expect((await getJson(`${edge}/api/hello`)).body.release).toBe('1');
  expect((await getJson(`${edge}/greet/hi`)).body.release).toBe('1');

  const status = JSON.parse((await cli('status', '--output', 'json')).stdout);
  expect(status.compose.release.rollbackOf).toBe(first.id);
  for (const app of ['api', 'greeter']) {
    expect(
      status.compose.services.find((service: { service: string }) => service.service === app)
        .digest,
    ).toBe(first.services[app].digest);
  }
});

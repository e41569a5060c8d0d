import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import { createFixtureWorkspace, type FixtureWorkspace } from './support/fixture-workspace';
import { runCli } from './support/run-cli';

// Bad input and broken surroundings: each gives one clear line naming the problem and what to
// do, a meaningful exit code, and leaves nothing half done.

let workspace: FixtureWorkspace;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: workspace.dir, env });
const ledgerFile = () => path.join(workspace.dir, '.portside/releases.json');

beforeAll(() => {
  workspace = createFixtureWorkspace();
});

afterAll(() => {
  try {
    execFileSync('docker', ['rmi', '-f', 'portside/broken'], { stdio: 'pipe' });
  } catch {
    // never built: nothing to remove
  }
  workspace.remove();
});

it('an unknown app names it and lists the deployable ones (exit 2)', async () => {
  const result = await cli(['build', 'checkout']);
  expect(result.code).toBe(2);
  expect(result.lastLine).toBe(
    'portside: unknown app "checkout"; deployable apps are: api, greeter',
  );
  expect(existsSync(ledgerFile())).toBe(false);
});

it('an unknown option or target is bad input (exit 2)', async () => {
  expect((await cli(['build', '--fast'])).code).toBe(2);
  const target = await cli(['deploy', '--target', 'swarm']);
  expect(target.code).toBe(2);
  expect(target.lastLine).toBe('portside: unknown target "swarm"; targets are: compose, k8s');
});

it('a number flag given something else names the flag and deploys nothing (exit 2)', async () => {
  const result = await cli(['deploy', '--target', 'compose', '--health-timeout', 'soon']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    "error: option '--health-timeout <seconds>' argument 'soon' is invalid. expected a whole number of at least 1.",
  );
  expect(existsSync(ledgerFile())).toBe(false);
});

it('an unreachable registry given explicitly is one line and exit 3, and no registry is started', async () => {
  const port = await freePort();
  const result = await cli(['push', '--registry', `127.0.0.1:${port}`]);
  expect(result.code).toBe(3);
  expect(result.lastLine).toBe(
    `portside: registry 127.0.0.1:${port} is not reachable (start it, or leave out --registry to use a local one on localhost:5000)`,
  );
});

it('Docker not running is one line and exit 3, for building and for deploying', async () => {
  const closed = { DOCKER_HOST: `unix://${path.join(workspace.dir, 'no-docker.sock')}` };
  const build = await cli(['build'], closed);
  expect(build.code).toBe(3);
  expect(build.lastLine).toMatch(
    /^portside: Docker is not reachable at unix:\/\/.*no-docker\.sock .*\(start the Docker Engine or point DOCKER_HOST at it\)$/,
  );
  mkdirSync(path.join(workspace.dir, '.portside'), { recursive: true });
  writeFileSync(
    ledgerFile(),
    JSON.stringify({
      pushes: {
        api: {
          app: 'api',
          registry: 'localhost:5000',
          repository: 'portside/api',
          tag: 't',
          digest: `sha256:${'a'.repeat(64)}`,
          imageId: 'x',
          pushedAt: 'now',
        },
      },
    }),
  );
  const deploy = await cli(['deploy', '--target', 'compose'], closed);
  expect(deploy.code).toBe(3);
  expect(deploy.lastLine).toMatch(/^portside: Docker is not reachable/);
  expect(JSON.parse(readFileSync(ledgerFile(), 'utf8')).releases ?? []).toEqual([]);
});

it('a Dockerfile that fails shows the failing step and its output, exits 4 and records nothing', async () => {
  mkdirSync(path.join(workspace.dir, 'apps/broken'), { recursive: true });
  workspace.commit(
    {
      'apps/broken/package.json':
        '{ "name": "@fixture/broken", "version": "0.0.0", "private": true }\n',
      'apps/broken/Dockerfile':
        'ARG NODE_IMAGE=node:24-bookworm-slim\nFROM ${NODE_IMAGE}\nRUN echo "compiling the broken app" && exit 7\n',
    },
    'an app that does not build',
  );
  const result = await cli(['build', 'broken']);
  expect(result.code).toBe(4);
  expect(result.stderr).toContain('Step 3/4 : RUN echo "compiling the broken app" && exit 7');
  expect(result.stderr).toContain('    compiling the broken app');
  expect(result.lastLine).toBe(
    'portside: build failed for broken (the failing step and its output are shown above)',
  );
  const ledger = existsSync(ledgerFile()) ? JSON.parse(readFileSync(ledgerFile(), 'utf8')) : {};
  expect(ledger.builds?.broken).toBeUndefined();
});

it('logs --output json is one JSON document on stdout, and a compose failure is exit 3, not 0', async () => {
  // A file portside reads but compose refuses (an option compose does not know).
  const file = path.join(workspace.dir, 'docker/refused.yaml');
  writeFileSync(
    file,
    readFileSync(path.join(workspace.dir, 'docker/compose.yaml'), 'utf8').replace(
      '  api:\n',
      '  api:\n    not_a_compose_option: true\n',
    ),
  );
  const result = await cli([
    'logs',
    'api',
    '--output',
    'json',
    '--compose-file',
    'docker/refused.yaml',
    '--project-name',
    'teamdeploy-nothing-here',
  ]);
  expect(result.code).toBe(3);
  const document = JSON.parse(result.stdout);
  expect(document.error).toMatchObject({ kind: 'environment' });
  expect(document.error.message).toMatch(/^compose logs exited with 1/);
  expect(result.stderr).toBe('');
});

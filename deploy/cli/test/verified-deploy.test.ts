import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from '@portside/testkit';
import {
  containerExists,
  removeComposeProject,
  removeContainer,
  removeLedger,
  removeImages,
} from './support/docker-cleanup';
import { createFixtureWorkspace, type FixtureWorkspace } from './support/fixture-workspace';
import { REPO_ROOT } from './support/git-workspace';
import { runCli } from './support/run-cli';

// Release against release on the real Docker Engine: a baseline of runs, an unchanged release
// that passes its verification, a deliberately slowed release (1.5 s added in the image) that
// `deploy --verify` catches and rolls back, `perf compare` between them, `capacity` with its
// self-check, and the HTML report opened in Chromium. Runs are 2 s each: cheap, not precise.

const SCREENSHOT_SCRIPT = path.join(REPO_ROOT, 'scripts/report-screenshot.mjs');
const project = `psperf${process.pid}`;
let workspace: FixtureWorkspace;
let edge: string;
let registryWasRunning: boolean;
let env: Record<string, string>;

const cli = (...args: string[]) =>
  runCli([...args, '--compose-file', 'docker/compose.yaml', '--project-name', project], {
    cwd: workspace.dir,
    env,
  });
const plainCli = (...args: string[]) => runCli(args, { cwd: workspace.dir, env });
const state = (file: string) => path.join(workspace.dir, '.portside', file);
const ledger = () => JSON.parse(readFileSync(state('releases.json'), 'utf8'));
const release = async () =>
  ((await (await fetch(`${edge}/api/hello`)).json()) as { release: string }).release;
// A loose margin (twice as slow): a shared CI machine is noisy, and the slowed release is
// slower by far more.
const verify = ['--verify', 'quick', '--verify-runs', '4', '--verify-margin', '1'];
/** The exit code with the verification's check lines, so a failure shows what was measured. */
const verdictOf = (result: { code: number; stderr: string }) => ({
  code: result.code,
  checks: result.stderr.match(/^ {2}(ok|FAIL) +regression .*$/gm) ?? [],
});

beforeAll(async () => {
  workspace = createFixtureWorkspace();
  const port = await freePort();
  edge = `http://127.0.0.1:${port}`;
  env = { EDGE_PORT: String(port), PORTSIDE_RUNNER: 'autocannon' };
  registryWasRunning = containerExists('portside-registry');
  const up = await cli('up');
  if (up.code !== 0) throw new Error(`portside up failed: ${up.stderr}`);
});

afterAll(() => {
  removeComposeProject(project);
  removeLedger(project);
  if (!registryWasRunning) removeContainer('portside-registry');
  for (const app of ['api', 'greeter']) {
    removeImages(`portside/${app}`);
    removeImages(`localhost:5000/portside/${app}`);
  }
  workspace.remove();
});

it('keeps every run of a baseline with its machine, generator CPU and date, and says which runner ran', async () => {
  const loadtest = await cli('loadtest', 'quick', '--runs', '4', '--output', 'json');
  expect(loadtest.code).toBe(0);
  const result = JSON.parse(loadtest.stdout);
  expect(result.runner).toBe('autocannon');
  expect(result.runnerNote).toMatch(/plan file loadtests\/plans\/quick.json/);
  const first = ledger().releases[0].id;
  const kept = JSON.parse(readFileSync(state(`perf/${first}/quick.json`), 'utf8'));
  expect(kept.runs).toHaveLength(4);
  for (const run of kept.runs) {
    expect(run.machine.fingerprint).toEqual(expect.any(String));
    expect(run.generatorCpu).toBeGreaterThan(0);
    expect(Date.parse(run.startedAt)).not.toBeNaN();
    expect(run.journeys.hello.requests).toBeGreaterThan(0);
    expect(run.journeys.greet.errorRate).toBe(0);
  }
});

it('an unchanged release passes its verification against the baseline', async () => {
  const deploy = await cli('deploy', '--target', 'compose', ...verify);
  expect(verdictOf(deploy)).toEqual({
    code: 0,
    checks: expect.arrayContaining([expect.stringMatching(/ok +regression hello p95/)]),
  });
  const releases = ledger().releases;
  expect(releases.at(-1)).toMatchObject({ outcome: 'succeeded' });
  const verdicts = JSON.parse(readFileSync(state('perf/verdicts.json'), 'utf8'));
  expect(verdicts.at(-1)).toMatchObject({
    release: releases.at(-1).id,
    passed: true,
    baseline: releases[0].id,
  });
});

it('a slowed release is caught by deploy --verify, rolled back, and recorded as failed with its evidence', async () => {
  const dockerfile = readFileSync(path.join(workspace.dir, 'apps/api/Dockerfile'), 'utf8');
  workspace.commit(
    {
      'apps/api/Dockerfile': dockerfile.replace(
        'SERVICE=api',
        'SERVICE=api RESPONSE_DELAY_MS=1500',
      ),
      'apps/api/release.txt': 'slow\n',
    },
    'a slower api',
  );
  expect((await plainCli('build', 'api')).code).toBe(0);
  expect((await plainCli('push', 'api')).code).toBe(0);

  const deploy = await cli('deploy', '--target', 'compose', ...verify);
  expect(verdictOf(deploy)).toEqual({
    code: 8,
    checks: expect.arrayContaining([expect.stringMatching(/FAIL regression hello p95/)]),
  });
  const releases = ledger().releases;
  const slowed = releases.at(-2);
  const verified = releases.at(-3);
  expect(deploy.lastLine).toContain(`${slowed.id} failed verification`);
  expect(deploy.lastLine).toContain(`rolled back to ${verified.id}`);
  expect(slowed).toMatchObject({
    outcome: 'failed',
    note: expect.stringMatching(/^verification failed/),
  });
  expect(releases.at(-1)).toMatchObject({ outcome: 'succeeded', rollbackOf: verified.id });
  expect(await release()).toBe('1');

  const verdict = JSON.parse(readFileSync(state('perf/verdicts.json'), 'utf8')).at(-1);
  expect(verdict).toMatchObject({ release: slowed.id, passed: false, rolledBackTo: verified.id });
  expect(verdict.reasons.join('\n')).toMatch(/regression hello p95/);
  expect(existsSync(state(`perf/${slowed.id}/quick.json`))).toBe(true);
});

it('perf compare shows the slowdown as significant and the unchanged journey as ~', async () => {
  const releases = ledger().releases;
  const verified = releases[1].id;
  const slowed = releases[2].id;
  const compare = await plainCli('perf', 'compare', verified, slowed, '--output', 'json');
  expect(compare.code).toBe(0);
  const rows = JSON.parse(compare.stdout).rows as {
    journey: string;
    metric: string;
    significant: boolean;
    worse: boolean;
    change: number;
  }[];
  const helloP95 = rows.find((r) => r.journey === 'hello' && r.metric === 'p95Ms');
  expect(helloP95).toMatchObject({ significant: true, worse: true });
  expect(helloP95!.change).toBeGreaterThan(1);

  const text = await plainCli('perf', 'compare', verified, slowed);
  expect(text.stdout).toMatch(/^hello\s+p95\s+\S+\s+\S+\s+\+\d/m);
  expect(text.stdout).toMatch(/^greet\s+errors\s+0\.00%\s+0\.00%\s+~/m);
});

it('capacity fits the USL to stepped load, sizes replicas, checks itself, and the HTML report renders in Chromium', async () => {
  const html = path.join(workspace.dir, 'report.html');
  const run = await cli(
    'capacity',
    'quick',
    '--journey',
    'greet',
    '--steps',
    '1,2,4,8',
    '--step-seconds',
    '2',
    '--target-rate',
    '500',
    '--html',
    html,
    '--output',
    'json',
  );
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.steps).toHaveLength(4);
  expect(report.fit.rSquared).toBeGreaterThan(0);
  expect(report.selfCheck.concurrency).not.toBe(1);
  expect(report.selfCheck.measured).toBeGreaterThan(0);
  expect(report.sizing.replicasNeeded).toBeGreaterThanOrEqual(1);
  for (const step of report.steps) expect(step.little.predicted).toBeGreaterThan(0);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${html}`);
    // Three charts: latency per release, throughput against concurrency, verdicts.
    expect(await page.locator('svg').count()).toBe(3);
    await expect(page.locator('h2').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Latency per release/),
      expect.stringMatching(/^Capacity/),
      'Verdicts',
    ]);
    expect(await page.locator('svg path').count()).toBeGreaterThan(5);
    // Offline: nothing but the file itself was loaded.
    expect(requests).toEqual([`file://${html}`]);
  } finally {
    await browser.close();
  }

  // The script behind the picture in docs/performance-models.md.
  const png = path.join(workspace.dir, 'report.png');
  const shot = spawnSync(process.execPath, [SCREENSHOT_SCRIPT, html, png], { stdio: 'pipe' });
  expect(shot.status).toBe(0);
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
});

it('names the flag when a value is wrong, and documents every option', async () => {
  const steps = await plainCli('capacity', '--steps', '1,2');
  expect(steps.code).toBe(2);
  expect(steps.stderr).toMatch(/--steps/);
  const help = async (...command: string[]) => {
    const result = await plainCli(...command, '--help');
    expect(result.code).toBe(0);
    return result.stdout;
  };
  expect(await help('loadtest')).toContain('--runs <n>');
  expect(await help('perf', 'compare')).toContain('--across-machines');
  expect(await help('capacity')).toContain('--target-rate <r>');
  expect(await help('deploy')).toContain('--verify <profile>');
});

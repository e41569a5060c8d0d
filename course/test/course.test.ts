import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import { shellBlocks, writeOutputs, type Block } from './support/markdown';
import { Camera } from './support/screenshots';
import { asTheLearnerSees, runBlock } from './support/shell-session';

/*
 * The whole course, end to end, on one Compose stack: the setup page's commands bring the stack
 * up once (a project, port and state folder of this run's own), then every lesson runs its
 * commands in order, its checker (which must say "not yet"), the exercise's solution, and its
 * checker again (which must pass). `npm run course:screenshots` runs this same test with
 * COURSE_CAPTURE=1: each block's output is written into the page below it, and Chromium takes
 * the screenshots of docs/course/images.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const courseDir = path.join(repoRoot, 'docs', 'course');
const capture = process.env.COURSE_CAPTURE === '1';
const project = `course${process.pid}`;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'portside-course-'));
const lessons = readdirSync(courseDir)
  .filter((name) => /^\d\d-.*\.md$/.test(name))
  .sort();
const timings: { page: string; seconds: number }[] = [];
const camera = new Camera(path.join(courseDir, 'images'));
let env: NodeJS.ProcessEnv;
let composeV1: boolean;
let registryWasRunning: boolean;
let replacements: [string | RegExp, string][];

const docker = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

async function play(block: Block, page: string) {
  const result = await runBlock(`source docs/course/course.env\n${block.script}`, {
    cwd: repoRoot,
    env,
    composeV1,
    timeoutMs: 600_000,
  });
  const expected = block.kind === 'fails' ? 'fails' : 'succeeds';
  const outcome =
    (block.kind === 'fails') === (result.code !== 0) ? expected : `exit ${result.code}`;
  expect({
    page,
    line: block.line + 1,
    outcome,
    output: outcome === expected ? '' : result.output,
  }).toEqual({ page, line: block.line + 1, outcome: expected, output: '' });
  return asTheLearnerSees(result.output, replacements);
}

/** Runs a page's blocks of the given kinds, in order; returns what each printed, by line. */
async function playPage(page: string, kinds: Block['kind'][]): Promise<Map<number, string>> {
  const outputs = new Map<number, string>();
  for (const block of shellBlocks(path.join(courseDir, page))) {
    if (!kinds.includes(block.kind)) continue;
    const output = await play(block, page);
    if (block.hasOutput) outputs.set(block.line, output);
  }
  return outputs;
}

async function checker(lesson: string): Promise<{ code: number; output: string }> {
  const result = await runBlock(
    `source docs/course/course.env\nnpm run course:check -- ${lesson}`,
    {
      cwd: repoRoot,
      env,
      composeV1,
      timeoutMs: 120_000,
    },
  );
  return { code: result.code, output: asTheLearnerSees(result.output, replacements) };
}

const ingressStats = () => {
  const id = docker(
    'ps',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    'label=com.docker.compose.service=ingress',
  );
  const address = docker(
    'inspect',
    '--format',
    `{{(index .NetworkSettings.Networks "${project}_public").IPAddress}}`,
    id,
  );
  return `http://${address}:8404/stats`;
};

/** Screenshots taken after a page has run (capture mode only). */
const SCREENSHOTS: Record<string, () => Promise<unknown>> = {
  'README.md': () => camera.shoot('storefront', String(env.EDGE)),
  '04-compose.md': () => camera.shoot('haproxy-stats', ingressStats()),
  '08-capacity.md': () =>
    camera.shoot(
      'capacity-report',
      `file://${path.join(String(env.COURSE_WORK), 'capacity.html')}`,
    ),
  '09-failure.md': () =>
    camera.shoot(
      'prometheus-catalog-p95',
      `http://127.0.0.1:${env.PROMETHEUS_PORT}/graph?g0.expr=${encodeURIComponent(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="catalog"}[30s])))',
      )}&g0.tab=0&g0.range_input=2m`,
      '.graph-chart canvas, canvas, svg',
    ),
};

function timed(page: string, started: number) {
  timings.push({ page, seconds: Math.round((Date.now() - started) / 100) / 10 });
}

beforeAll(async () => {
  const port = await freePort();
  const prometheusPort = await freePort();
  const work = path.join(scratch, 'work');
  mkdirSync(work);
  composeV1 =
    (
      await runBlock('docker compose version', {
        cwd: repoRoot,
        env: process.env,
        composeV1: false,
        timeoutMs: 30_000,
      })
    ).code !== 0;
  registryWasRunning = docker('ps', '-aq', '--filter', 'name=^portside-registry$') !== '';
  // A learner's shell: no Jest NODE_ENV, and no FORCE_COLOR from the task runner (Nx sets it),
  // which would colour what `node -p` prints into a command substitution.
  const { NODE_ENV: _jest, FORCE_COLOR: _runner, ...shell } = process.env;
  env = {
    ...shell,
    PORTSIDE_HTTP_PORT: String(port),
    PORTSIDE_COMPOSE_PROJECT: project,
    PORTSIDE_STATE_DIR: path.join(scratch, 'state'),
    PROMETHEUS_PORT: String(prometheusPort),
    COURSE_WORK: work,
  };
  // What a learner's terminal shows: the default port, project and folders.
  replacements = [
    [work, 'course/work'],
    [path.join(scratch, 'state'), '.portside'],
    [`127.0.0.1:${port}`, '127.0.0.1:8080'],
    [`127.0.0.1:${prometheusPort}`, '127.0.0.1:9090'],
    [project, 'portside'],
    [new RegExp(`\\b${port}\\b`, 'g'), '8080'],
  ];
  const started = Date.now();
  const outputs = await playPage('README.md', ['run']);
  env.EDGE = `http://127.0.0.1:${port}`;
  if (capture) {
    writeOutputs(path.join(courseDir, 'README.md'), outputs);
    await SCREENSHOTS['README.md']?.();
  }
  timed('setup (README.md)', started);
}, 900_000);

afterAll(async () => {
  await camera.close();
  const label = `label=com.docker.compose.project=${project}`;
  // The deploy tool keeps the target's releases and lock in containers named after the project.
  const records = docker('ps', '-aq', '--filter', `name=^portside-[a-z]+\\.${project}\\.`);
  const containers = [docker('ps', '-aq', '--filter', label), records]
    .join('\n')
    .split('\n')
    .filter(Boolean);
  if (containers.length) docker('rm', '-f', '-v', ...containers);
  for (const kind of ['volume', 'network']) {
    const ids = docker(kind, 'ls', '-q', '--filter', label).split('\n').filter(Boolean);
    if (ids.length) docker(kind, 'rm', ...ids);
  }
  if (!registryWasRunning && docker('ps', '-aq', '--filter', 'name=^portside-registry$'))
    docker('rm', '-f', '-v', 'portside-registry');
  if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  process.stdout.write(
    `\ncourse timings (load average ${load}, ${os.cpus().length} CPUs):\n` +
      timings.map((t) => `  ${t.page.padEnd(40)} ${t.seconds.toFixed(1)} s`).join('\n') +
      `\n  ${'total'.padEnd(40)} ${timings.reduce((s, t) => s + t.seconds, 0).toFixed(1)} s\n`,
  );
}, 120_000);

describe.each(lessons)('%s', (page) => {
  const lesson = page.slice(0, 2);

  it('runs its commands; the checker fails before the exercise and passes after it', async () => {
    const started = Date.now();
    const blocks = shellBlocks(path.join(courseDir, page)).filter((b) => b.kind !== 'not-run');
    const firstSolution = blocks.findIndex((b) => b.kind === 'solution');
    const lastSolution = blocks.findLastIndex((b) => b.kind === 'solution');
    expect(firstSolution).toBeGreaterThanOrEqual(0);
    const outputs = new Map<number, string>();
    for (const [index, block] of blocks.entries()) {
      if (index === firstSolution) {
        const before = await checker(lesson);
        expect({ before: before.code, output: before.output }).toEqual({
          before: 1,
          output: before.output,
        });
      }
      const output = await play(block, page);
      if (block.hasOutput) outputs.set(block.line, output);
      if (index === lastSolution) {
        const after = await checker(lesson);
        expect({ after: after.code, output: after.output }).toEqual({
          after: 0,
          output: after.output,
        });
      }
    }
    timed(page, started);
    if (capture) {
      writeOutputs(path.join(courseDir, page), outputs);
      await SCREENSHOTS[page]?.();
    }
  });
});

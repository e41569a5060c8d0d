import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildK6Command, DEFAULT_K6_IMAGE, findK6, K6_DIR, renderCommand } from '../src/command';
import { formatProgress, parseProgress } from '../src/progress';
import { outcomeOf, planK6Run } from '../src/run';

const base = {
  profile: 'smoke' as const,
  baseUrl: 'http://127.0.0.1:8080/',
  summaryDir: '/var/portside/releases/abc123/loadtest',
};

describe('the k6 command line', () => {
  it('runs a local k6 on the profile script with the target and summary directory as k6 variables', () => {
    const cmd = buildK6Command({
      ...base,
      runner: 'local',
      k6Path: '/usr/local/bin/k6',
      env: { LOAD_FACTOR: '0.5' },
    });
    expect(cmd).toEqual({
      file: '/usr/local/bin/k6',
      args: [
        'run',
        '--no-color',
        '-e',
        'LOAD_FACTOR=0.5',
        '-e',
        'BASE_URL=http://127.0.0.1:8080',
        '-e',
        'SUMMARY_DIR=/var/portside/releases/abc123/loadtest',
        `${K6_DIR}/profiles/smoke.ts`,
      ],
    });
  });

  it('runs the grafana/k6 image on the host network, scripts read-only, summaries written as the caller', () => {
    const cmd = buildK6Command({ ...base, profile: 'stress', runner: 'docker', user: '1000:1000' });
    expect(cmd).toEqual({
      file: 'docker',
      args: [
        'run',
        '--rm',
        '-i',
        '--network',
        'host',
        '--user',
        '1000:1000',
        '-v',
        `${K6_DIR}:/scripts:ro`,
        '-v',
        '/var/portside/releases/abc123/loadtest:/summary',
        DEFAULT_K6_IMAGE,
        'run',
        '--no-color',
        '-e',
        'BASE_URL=http://127.0.0.1:8080',
        '-e',
        'SUMMARY_DIR=/summary',
        '/scripts/profiles/stress.ts',
      ],
    });
    expect(DEFAULT_K6_IMAGE).toMatch(/^grafana\/k6:\d+\.\d+\.\d+$/);
  });

  it('takes another image when asked', () => {
    const cmd = buildK6Command({ ...base, runner: 'docker', image: 'registry.local/k6:2.0.0' });
    expect(cmd.args).toContain('registry.local/k6:2.0.0');
    expect(cmd.args).not.toContain(DEFAULT_K6_IMAGE);
  });

  it('refuses an unknown profile, a relative summary directory and a target that is not a URL', () => {
    expect(() => buildK6Command({ ...base, profile: 'huge' as 'smoke', runner: 'docker' })).toThrow(
      'unknown load profile "huge"',
    );
    expect(() => buildK6Command({ ...base, summaryDir: 'out', runner: 'docker' })).toThrow(
      'summaryDir must be absolute',
    );
    expect(() => buildK6Command({ ...base, baseUrl: 'shop', runner: 'docker' })).toThrow();
  });

  it('renders a command a person can paste into a shell', () => {
    expect(renderCommand({ file: 'k6', args: ['run', '-e', 'NAME=two words', "it's"] })).toBe(
      `k6 run -e 'NAME=two words' 'it'\\''s'`,
    );
  });
});

describe('choosing the runner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portside-path-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers a k6 found on PATH', () => {
    writeFileSync(join(dir, 'k6'), '#!/bin/sh\n');
    chmodSync(join(dir, 'k6'), 0o755);
    expect(findK6(`/nonexistent:${dir}`)).toBe(join(dir, 'k6'));
    const plan = planK6Run({ ...base, summaryDir: 'out/smoke' }, dir);
    expect(plan.runner).toBe('local');
    expect(plan.command.file).toBe(join(dir, 'k6'));
    expect(plan.summaryDir).toBe(join(process.cwd(), 'out/smoke'));
  });

  it('falls back to Docker when PATH has no k6, and refuses a local run then', () => {
    expect(findK6(dir)).toBeUndefined();
    expect(planK6Run(base, dir).runner).toBe('docker');
    expect(planK6Run(base, dir).command.file).toBe('docker');
    expect(() => planK6Run({ ...base, runner: 'local' }, dir)).toThrow('k6 is not on PATH');
  });

  it('ignores a file named k6 that cannot be executed', () => {
    writeFileSync(join(dir, 'k6'), 'not a program');
    chmodSync(join(dir, 'k6'), 0o644);
    expect(findK6(dir)).toBeUndefined();
  });
});

describe('reading k6', () => {
  it('parses its status line into progress', () => {
    expect(
      parseProgress('running (1m05.5s), 03/10 VUs, 12 complete and 1 interrupted iterations'),
    ).toEqual({
      type: 'progress',
      elapsedSeconds: 65.5,
      activeVUs: 3,
      maxVUs: 10,
      completed: 12,
      interrupted: 1,
    });
    expect(parseProgress('browse [ 8% ] 003/010 VUs 0m05.0s/1m0s')).toBeUndefined();
  });

  it('turns exit codes into outcomes', () => {
    expect([0, 99, 108, 107, 1].map(outcomeOf)).toEqual([
      'passed',
      'slos-missed',
      'aborted',
      'error',
      'error',
    ]);
  });
});

describe('progress for people', () => {
  it('passes k6 lines through and describes the rest', () => {
    expect(formatProgress({ type: 'output', stream: 'stderr', line: 'running (0m01.0s)' })).toBe(
      'running (0m01.0s)',
    );
    expect(formatProgress({ type: 'start', runner: 'docker', command: 'docker run ...' })).toBe(
      'k6 (docker): docker run ...',
    );
    expect(
      formatProgress({
        type: 'progress',
        elapsedSeconds: 65.4,
        activeVUs: 3,
        maxVUs: 10,
        completed: 12,
        interrupted: 0,
      }),
    ).toBe('65s: 3/10 VUs, 12 journeys done');
    expect(formatProgress({ type: 'end', exitCode: 99 })).toBe('k6 exited with 99');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TargetLockedError } from '../src/core/errors';
import { Ledger } from '../src/core/ledger';
import { dockerodeEngine } from '../src/docker/dockerode-engine';
import { ComposeStore, LEDGER_LABEL, lockContainerName } from '../src/releases/compose-store';
import { thisProcess, type LockHolder } from '../src/releases/holder';
import type { Release } from '../src/releases/record';
import { recordVerdict } from '../src/releases/verdict';

// The Compose target's history and lock on the real Docker Engine: what another machine pointed
// at the same Engine reads (two ComposeStore instances stand for two machines' tools).

const project = `teamdeploy-store-${process.pid}`;
const docker = dockerodeEngine();
const here = new ComposeStore(docker, project, process.env.DOCKER_HOST);
const elsewhere = new ComposeStore(dockerodeEngine(), project, process.env.DOCKER_HOST);

const release = (id: string, outcome: Release['outcome']): Release => ({
  id,
  time: `2026-01-01T00:00:0${id.slice(1, 2)}.000Z`,
  target: 'compose',
  gitSha: 'abc1234',
  services: { api: { image: 'localhost:5000/portside/api@sha256:1', digest: 'sha256:1' } },
  outcome,
  project,
});

const ledgerFile = path.join(os.tmpdir(), `${project}-releases.json`);
const sh = (...args: string[]) => execFileSync('docker', args, { stdio: 'pipe' }).toString();

afterAll(() => {
  const volumes = sh('volume', 'ls', '-q', '--filter', `label=${LEDGER_LABEL.project}=${project}`)
    .split('\n')
    .filter(Boolean);
  if (volumes.length > 0) sh('volume', 'rm', ...volumes);
  spawnSync('docker', ['rm', '-f', lockContainerName(project)]);
  rmSync(ledgerFile, { force: true });
});

it('keeps each release on the Engine, the newest revision of each winning, for any reader', async () => {
  await here.save(release('r1-abc1234', 'started'));
  await here.save(release('r1-abc1234', 'succeeded'));
  await here.save(release('r2-abc1234', 'failed'));
  expect((await elsewhere.list()).map((entry) => [entry.id, entry.outcome])).toEqual([
    ['r1-abc1234', 'succeeded'],
    ['r2-abc1234', 'failed'],
  ]);
  // The superseded revision is gone: one volume per release.
  expect(
    sh('volume', 'ls', '-q', '--filter', `label=${LEDGER_LABEL.project}=${project}`)
      .split('\n')
      .filter(Boolean),
  ).toHaveLength(2);
});

it('records a verification verdict on the release, for every reader', async () => {
  const ledger = new Ledger(ledgerFile);
  await recordVerdict(here, ledger, 'r1-abc1234', { passed: true, profile: 'smoke' });
  expect((await elsewhere.list())[0]?.verdict).toMatchObject({ passed: true, profile: 'smoke' });
});

it('lets one holder at a time take the lock, names the holder to the other, and lets go', async () => {
  const held = await here.lock(thisProcess('deploy'));
  await expect(elsewhere.lock(thisProcess('rollback'))).rejects.toThrow(TargetLockedError);
  await expect(elsewhere.lock(thisProcess('rollback'))).rejects.toThrow(
    new RegExp(
      `^compose project ${project} on .+ is locked by .+ \\(pid ${process.pid}, portside deploy\\)`,
    ),
  );
  expect(await elsewhere.holder()).toMatchObject({ command: 'deploy', pid: process.pid });
  await held.release();
  expect(await elsewhere.holder()).toBeUndefined();
  const again = await elsewhere.lock(thisProcess('rollback'));
  await again.release();
});

it('takes over a lock whose holder died on this host, but never one held from another host', async () => {
  // A process that has exited: its pid no longer exists.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const gone: LockHolder = { ...thisProcess('deploy'), pid: Number(dead.stdout.toString()) };
  const stale = await here.lock(gone);
  const taken = await elsewhere.lock(thisProcess('deploy'));
  expect(await here.holder()).toMatchObject({ pid: process.pid });
  await taken.release();
  await stale.release().catch(() => undefined);

  const remote = await here.lock({ ...gone, host: 'another-machine' });
  await expect(elsewhere.lock(thisProcess('deploy'))).rejects.toThrow(
    /locked by .+@another-machine/,
  );
  expect((await elsewhere.breakLock())?.host).toBe('another-machine');
  await remote.release().catch(() => undefined);
  expect(await here.holder()).toBeUndefined();
});

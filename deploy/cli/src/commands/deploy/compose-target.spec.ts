import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { RolloutFailedError } from '../../core/errors';
import { fakeCompose, type FakeCompose } from '../../testing/fake-compose';
import type { FakeDocker } from '../../testing/fake-docker';
import { fakeContext } from '../../testing/fake-context';
import { fakeShopEngine } from '../../testing/fake-shop-stack';
import { deployCompose } from './compose-target';

const composeFile = path.resolve(__dirname, '../../../test/fixtures/workspace/docker/compose.yaml');
const images = (version: string) => ({
  api: { image: `api:${version}`, digest: `sha256:api${version}` },
  greeter: { image: `greeter:${version}`, digest: `sha256:greeter${version}` },
});

describe('deploying to a running Compose stack', () => {
  let root: string;
  let docker: FakeDocker;
  let ctx: CommandContext;
  let compose: FakeCompose;
  const deploy = (version: string) =>
    deployCompose(
      images(version),
      {
        composeFile,
        projectName: 'shop',
        compose,
        timing: { healthTimeoutMs: 300, dnsGraceMs: 0 },
      },
      ctx,
    );

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-compose-unit-'));
    docker = fakeShopEngine(['1', '2'], { api: 'api:1', greeter: 'greeter:1', redis: 'redis' });
    compose = fakeCompose(docker, 'shop');
    ctx = fakeContext(root, docker);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the migration with the new image first, then rolls each app service and never the stateful ones', async () => {
    const release = await deploy('2');
    expect(release.outcome).toBe('succeeded');
    expect(compose.calls[0]).toBe(
      'run --rm --no-deps -T api-migrate API_IMAGE=api:2 GREETER_IMAGE=greeter:2',
    );
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:2']);
    expect(docker.running('greeter').map((container) => container.image)).toEqual(['greeter:2']);
    expect(docker.running('redis').map((container) => container.name)).toEqual(['shop_redis_1']);
  });

  it('stops before rolling anything when the migration fails, and records the release as failed', async () => {
    compose.runExitCode = 1;
    await expect(deploy('2')).rejects.toThrow(
      new RolloutFailedError('api-migrate exited with 1: migration failed: relation exists'),
    );
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:1']);
    expect(compose.calls.some((call) => call.startsWith('up'))).toBe(false);
    expect((await ctx.ledger.read()).releases.map((release) => release.outcome)).toEqual([
      'failed',
    ]);
  });

  it('rolls the services already moved back when a later one never gets healthy', async () => {
    docker.healthOf = (image) => (image === 'greeter:2' ? 'unhealthy' : 'healthy');
    await expect(deploy('2')).rejects.toThrow(/greeter: the new replica never became healthy/);
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:1']);
    expect(docker.running('greeter').map((container) => container.image)).toEqual(['greeter:1']);
  });

  it('skips a service that already runs the image with the configuration compose would give it, and rolls one whose configuration changed', async () => {
    await deploy('2');
    const greeter = docker.running('greeter')[0] as { labels: Record<string, string> };
    // As if the compose file's environment for greeter had changed since it was created.
    greeter.labels['com.docker.compose.config-hash'] = 'hash-of-an-older-compose-file';
    compose.calls = [];

    await deploy('2');
    expect(compose.calls.filter((call) => call.startsWith('up'))).toEqual([
      'up --no-start --no-deps --no-recreate --scale greeter=2 greeter API_IMAGE=api:2 GREETER_IMAGE=greeter:2',
    ]);
    expect(
      docker
        .running('greeter')
        .map((container) => container.labels['com.docker.compose.config-hash']),
    ).toEqual(['hash-of-greeter:2']);
  });
});

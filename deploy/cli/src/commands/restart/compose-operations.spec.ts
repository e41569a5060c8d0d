import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { TargetLockedError, UsageError } from '../../core/errors';
import { ComposeStore } from '../../releases/compose-store';
import { thisProcess } from '../../releases/holder';
import { fakeCompose, type FakeCompose } from '../../testing/fake-compose';
import type { FakeDocker } from '../../testing/fake-docker';
import { fakeContext } from '../../testing/fake-context';
import { fakeShopEngine } from '../../testing/fake-shop-stack';
import { scale } from '../scale';
import { restart } from '.';

const composeFile = path.resolve(__dirname, '../../../test/fixtures/workspace/docker/compose.yaml');

describe('restart and scale on a Compose stack', () => {
  let root: string;
  let docker: FakeDocker;
  let compose: FakeCompose;
  let ctx: CommandContext;
  const where = () => ({
    target: 'compose',
    composeFile,
    projectName: 'shop',
    compose,
    timing: { healthTimeoutMs: 300, dnsGraceMs: 0 },
  });

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-operations-'));
    docker = fakeShopEngine(['1'], { api: 'api:1', greeter: 'greeter:1' });
    compose = fakeCompose(docker, 'shop');
    ctx = fakeContext(root, docker);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('restarts an app with fresh replicas of the image it runs, and lets go of the lock', async () => {
    const before = docker.running('api').map((container) => container.id);
    await expect(restart({ ...where(), app: 'api' }, ctx)).resolves.toEqual({
      app: 'api',
      restarted: ['api'],
    });
    const after = docker.running('api');
    expect(after.map((container) => container.image)).toEqual(['api:1']);
    expect(after.map((container) => container.id)).not.toEqual(before);
    expect(docker.running('greeter').map((container) => container.name)).toEqual([
      'shop_greeter_1',
    ]);
    expect(await new ComposeStore(docker, 'shop', undefined).holder()).toBeUndefined();
  });

  it('scales with the images that run now, so compose recreates nothing', async () => {
    await scale({ ...where(), request: 'greeter=3' }, ctx);
    expect(compose.calls).toContain(
      'up -d --no-deps --no-recreate --scale greeter=3 greeter API_IMAGE=api:1 GREETER_IMAGE=greeter:1',
    );
  });

  it('refuses while another run holds the lock, and takes an unknown app or count as bad input', async () => {
    const held = await new ComposeStore(docker, 'shop', undefined).lock({
      ...thisProcess('deploy'),
      host: 'ci-runner',
    });
    await expect(restart({ ...where(), app: 'api' }, ctx)).rejects.toThrow(TargetLockedError);
    await held.release();
    await expect(restart({ ...where(), app: 'checkout' }, ctx)).rejects.toThrow(
      new UsageError(
        'unknown app "checkout"; services are: redis, api-migrate, api, greeter, edge',
      ),
    );
    await expect(scale({ ...where(), request: 'api=101' }, ctx)).rejects.toThrow(UsageError);
  });
});

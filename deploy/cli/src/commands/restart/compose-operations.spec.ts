import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { TargetLockedError, UsageError } from '../../core/errors';
import { Ledger } from '../../core/ledger';
import { createRecordingReporter } from '../../core/reporter';
import { ComposeStore } from '../../releases/compose-store';
import { thisProcess } from '../../releases/holder';
import { fakeCompose, type FakeCompose } from '../../testing/fake-compose';
import { FakeDocker } from '../../testing/fake-docker';
import { scale } from '../scale';
import { restart } from '.';

const composeFile = path.resolve(__dirname, '../../../test/fixtures/workspace/docker/compose.yaml');
const labels = (service: string, image: string) => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.container-number': '1',
  'com.docker.compose.config-hash': `hash-of-${image}`,
});

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
    docker = new FakeDocker();
    docker.images.set('api:1', { Id: 'sha256:api1' });
    docker.images.set('greeter:1', { Id: 'sha256:greeter1' });
    docker.addContainer({ name: 'shop_api_1', image: 'api:1', labels: labels('api', 'api:1') });
    docker.addContainer({
      name: 'shop_greeter_1',
      image: 'greeter:1',
      labels: labels('greeter', 'greeter:1'),
    });
    compose = fakeCompose(docker, 'shop');
    ctx = {
      root,
      reporter: createRecordingReporter(),
      docker,
      ledger: Ledger.at(root),
      workspace: { root, deployables: async () => [], affected: async () => [] },
      env: {},
    };
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

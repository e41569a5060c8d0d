import { RolloutFailedError } from '../core/errors';
import { createRecordingReporter } from '../core/reporter';
import { fakeCompose } from '../testing/fake-compose';
import { FakeDocker } from '../testing/fake-docker';
import { rollService, type RolloutDeps } from './rolling';

const labels = (service: string, number: number) => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.container-number': String(number),
});

function setup() {
  const docker = new FakeDocker();
  docker.images.set('old-image', { Id: 'sha256:old' });
  docker.images.set('new-image', { Id: 'sha256:new' });
  docker.images.set('broken-image', { Id: 'sha256:broken' });
  const compose = fakeCompose(docker, 'shop');
  const deps: RolloutDeps = {
    docker,
    compose,
    reporter: createRecordingReporter(),
    project: 'shop',
    timing: { healthTimeoutMs: 300, dnsGraceMs: 0, stopTimeoutSeconds: 20 },
  };
  const old = docker.addContainer({
    name: 'shop_catalog_1',
    image: 'old-image',
    labels: labels('catalog', 1),
  });
  return { docker, compose, deps, old };
}

describe('rolling one Compose service', () => {
  it('has compose create the new replica, starts it outside DNS, gives it the service name once healthy, then drains and removes the old one', async () => {
    const { docker, compose, deps } = setup();
    await rollService(deps, 'catalog', 'new-image', { CATALOG_IMAGE: 'new-image' });

    expect(compose.calls).toEqual([
      'up --no-start --no-deps --no-recreate --scale catalog=2 catalog CATALOG_IMAGE=new-image',
    ]);
    expect(docker.calls.filter((call) => call !== 'ping')).toEqual([
      'disconnect shop_catalog_2 net',
      'connect shop_catalog_2 net []',
      'start shop_catalog_2',
      'disconnect shop_catalog_2 net',
      'connect shop_catalog_2 net [catalog]',
      'stop shop_catalog_1 20s',
      'remove shop_catalog_1',
    ]);
    const [replica] = docker.running('catalog');
    expect(replica?.labels).toMatchObject({
      ...labels('catalog', 2),
      'com.docker.compose.config-hash': 'hash-of-new-image',
    });
  });

  it('removes a new replica that never gets healthy and leaves the old one serving', async () => {
    const { docker, deps, old } = setup();
    docker.healthOf = (image) => (image === 'broken-image' ? 'unhealthy' : 'healthy');

    await expect(
      rollService(deps, 'catalog', 'broken-image', { CATALOG_IMAGE: 'broken-image' }),
    ).rejects.toThrow(RolloutFailedError);
    expect(docker.running('catalog').map((container) => container.id)).toEqual([old]);
    expect(docker.containers.size).toBe(1);
    expect(docker.calls).toContain('remove shop_catalog_2');
    expect(docker.calls.some((call) => call.startsWith('stop shop_catalog_1'))).toBe(false);
  });

  it('fails clearly, removing anything half-made, when compose cannot create the new replica', async () => {
    const { docker, deps, old } = setup();
    deps.compose = {
      run: async () => ({ code: 1, stdout: '', stderr: 'ERROR: pull access denied for nope' }),
    };

    await expect(rollService(deps, 'catalog', 'nope', { CATALOG_IMAGE: 'nope' })).rejects.toThrow(
      'catalog: compose could not create the new replica(s): ERROR: pull access denied for nope',
    );
    expect(docker.running('catalog').map((container) => container.id)).toEqual([old]);
  });

  it('puts the new replica on every network the old one is on, though compose attached it to one', async () => {
    const { docker, deps } = setup();
    const [old] = docker.running('catalog');
    if (old)
      old.networks = { net: { Aliases: ['catalog', 'c1'] }, data: { Aliases: ['catalog', 'c1'] } };
    await rollService(deps, 'catalog', 'new-image', { CATALOG_IMAGE: 'new-image' });

    const [replica] = docker.running('catalog');
    expect(replica?.networks).toEqual({
      net: { Aliases: ['catalog'] },
      data: { Aliases: ['catalog'] },
    });
  });
});

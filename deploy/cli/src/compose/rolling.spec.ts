import { RolloutFailedError } from '../core/errors';
import { createRecordingReporter } from '../core/reporter';
import { FakeDocker } from '../testing/fake-docker';
import type { ComposeRunner } from './compose-cli';
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
  const compose: ComposeRunner = { run: async (args) => ({ code: 0, stdout: args[0] === 'config' ? 'catalog hash-for-new\n' : '', stderr: '' }) };
  const deps: RolloutDeps = { docker, compose, reporter: createRecordingReporter(), project: 'shop', timing: { healthTimeoutMs: 300, dnsGraceMs: 0, stopTimeoutSeconds: 20 } };
  const old = docker.addContainer({ name: 'shop_catalog_1', image: 'old-image', labels: labels('catalog', 1) });
  return { docker, deps, old };
}

describe('rolling one Compose service', () => {
  it('starts the new replica outside DNS, gives it the service name once healthy, then drains and removes the old one', async () => {
    const { docker, deps } = setup();
    await rollService(deps, 'catalog', 'new-image', {});

    expect(docker.calls.filter((call) => call !== 'ping')).toEqual([
      'create shop_catalog_2 new-image',
      'start shop_catalog_2',
      'disconnect shop_catalog_2 net',
      'connect shop_catalog_2 net [catalog]',
      'stop shop_catalog_1 20s',
      'remove shop_catalog_1',
    ]);
    const [replica] = docker.running('catalog');
    expect(replica?.labels).toMatchObject({ ...labels('catalog', 2), 'com.docker.compose.config-hash': 'hash-for-new' });
  });

  it('removes a new replica that never gets healthy and leaves the old one serving', async () => {
    const { docker, deps, old } = setup();
    docker.healthOf = (image) => (image === 'broken-image' ? 'unhealthy' : 'healthy');

    await expect(rollService(deps, 'catalog', 'broken-image', {})).rejects.toThrow(RolloutFailedError);
    expect(docker.running('catalog').map((container) => container.id)).toEqual([old]);
    expect(docker.calls).toContain('remove shop_catalog_2');
    expect(docker.calls.some((call) => call.startsWith('stop shop_catalog_1'))).toBe(false);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeDocker } from '../../testing/fake-docker';
import { fakeContext } from '../../testing/fake-context';
import { loadtestTarget } from './index';

const published = (port: string) => ({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: port }] });
const labels = (service: string) => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
});

function stack(services: Array<[string, string]>) {
  const docker = new FakeDocker();
  for (const [service, port] of services)
    docker.addContainer({
      name: `shop_${service}_1`,
      image: service,
      labels: labels(service),
      ports: published(port),
    });
  const root = mkdtempSync(path.join(tmpdir(), 'loadtest-target-'));
  return fakeContext(root, docker);
}

describe('the Compose address a load test aims at', () => {
  it('is the edge, even when another service of the project publishes a port first', async () => {
    const ctx = stack([
      ['prometheus', '19090'],
      ['ingress', '18080'],
    ]);
    const { baseUrl } = await loadtestTarget({ projectName: 'shop' }, ctx);
    expect(baseUrl).toBe('http://127.0.0.1:18080');
  });

  it('is the only published port when no service is named as an edge', async () => {
    const ctx = stack([['api', '18081']]);
    const { baseUrl } = await loadtestTarget({ projectName: 'shop' }, ctx);
    expect(baseUrl).toBe('http://127.0.0.1:18081');
  });
});

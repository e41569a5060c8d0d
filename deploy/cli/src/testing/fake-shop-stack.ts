import { FakeDocker } from './fake-docker';

/** The labels compose gives replica 1 of a service of project shop running `image`. */
const replicaLabels = (service: string, image: string) => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.container-number': '1',
  // The hash fakeCompose gives a service's configuration, which follows its image.
  'com.docker.compose.config-hash': `hash-of-${image}`,
});

/**
 * An Engine running the fixture workspace's Compose project "shop": the api and greeter images
 * of each of `versions` (tagged `api:<version>`, id `sha256:api<version>`), and one replica,
 * shop_<service>_1, of each service in `running` (service -> image).
 */
export function fakeShopEngine(versions: string[], running: Record<string, string>): FakeDocker {
  const docker = new FakeDocker();
  for (const version of versions) {
    docker.images.set(`api:${version}`, { Id: `sha256:api${version}` });
    docker.images.set(`greeter:${version}`, { Id: `sha256:greeter${version}` });
  }
  for (const [service, image] of Object.entries(running))
    docker.addContainer({
      name: `shop_${service}_1`,
      image,
      labels: replicaLabels(service, image),
    });
  return docker;
}

import path from 'node:path';
import { dependencyOrder, imageVariableFor, isOneShot, readComposeFile } from './compose-file';

const fixture = readComposeFile(
  path.resolve(__dirname, '../../test/fixtures/workspace/docker/compose.yaml'),
);

describe('reading a compose file for a rollout', () => {
  it('finds the variable each service takes its image from', () => {
    expect(
      Object.fromEntries(fixture.services.map((service) => [service.name, service.imageVariable])),
    ).toEqual({
      redis: 'REDIS_IMAGE',
      'api-migrate': 'API_IMAGE',
      api: 'API_IMAGE',
      greeter: 'GREETER_IMAGE',
      edge: 'NGINX_IMAGE',
    });
    expect(imageVariableFor('catalog')).toBe('CATALOG_IMAGE');
  });

  it('orders services after what they depend on, migrations before the services that need them', () => {
    const order = dependencyOrder(fixture).map((service) => service.name);
    expect(order.indexOf('api-migrate')).toBeLessThan(order.indexOf('api'));
    expect(order.indexOf('api')).toBeLessThan(order.indexOf('greeter'));
    expect(order.at(-1)).toBe('edge');
  });

  it('recognises one-shot services by what waits for them to complete', () => {
    expect(isOneShot(fixture, 'api-migrate')).toBe(true);
    expect(isOneShot(fixture, 'api')).toBe(false);
  });

  it('knows which services publish host ports', () => {
    expect(
      fixture.services.filter((service) => service.publishesPorts).map((service) => service.name),
    ).toEqual(['edge']);
  });
});

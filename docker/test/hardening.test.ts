import {
  processUids,
  projectContainers,
  serviceOf,
  type ContainerInfo,
} from './support/docker-inspect';
import { currentStack, ONE_SHOTS, SERVICES } from './support/stack';

const { project } = currentStack();
let containers: ContainerInfo[];

beforeAll(async () => {
  containers = await projectContainers(project);
});

const container = (service: string) => {
  const found = containers.find((c) => serviceOf(c) === service);
  if (!found) throw new Error(`no container for ${service}`);
  return found;
};

const ALL = [...SERVICES, ...ONE_SHOTS];

describe('every container of the stack', () => {
  it.each(ALL)('%s has a read-only root filesystem', (service) => {
    expect(container(service).HostConfig.ReadonlyRootfs).toBe(true);
  });

  it.each(ALL)('%s has no Linux capabilities and cannot gain privileges', (service) => {
    const { CapDrop, CapAdd, SecurityOpt } = container(service).HostConfig;
    expect(CapDrop).toEqual(['ALL']);
    expect(CapAdd ?? []).toEqual([]);
    expect(SecurityOpt).toContain('no-new-privileges:true');
  });

  it.each(ALL)('%s has memory and process limits', (service) => {
    const { Memory, PidsLimit } = container(service).HostConfig;
    expect(Memory).toBeGreaterThan(0);
    expect(PidsLimit).toBeGreaterThan(0);
  });

  it.each(ALL)('%s is configured to run as a user other than root', (service) => {
    const user = container(service).Config.User;
    expect(user).not.toBe('');
    expect(user.split(':')[0]).not.toMatch(/^(0|root)$/);
  });

  it.each(SERVICES)('%s runs every process as a non-root user', async (service) => {
    const uids = await processUids(container(service).Id);
    expect(uids.length).toBeGreaterThan(0);
    expect(uids.filter((uid) => uid === 0)).toEqual([]);
  });

  it.each(SERVICES)('%s has a healthcheck and is healthy', (service) => {
    const { Config, State } = container(service);
    expect(Config.Healthcheck?.Test?.[0]).toMatch(/^CMD/);
    expect(State.Health?.Status).toBe('healthy');
  });

  it.each(ONE_SHOTS)('%s ran to completion with exit code 0', (service) => {
    expect(container(service).State).toMatchObject({ Status: 'exited', ExitCode: 0 });
  });

  it('publishes only the ingress in front of the edge, and only on the loopback interface', () => {
    const published = containers.flatMap((c) =>
      Object.values(c.HostConfig.PortBindings ?? {})
        .flatMap((bindings) => bindings ?? [])
        .map((binding) => ({ service: serviceOf(c), ip: binding.HostIp })),
    );
    expect(published).toEqual([{ service: 'ingress', ip: '127.0.0.1' }]);
  });
});

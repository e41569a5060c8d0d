import type { ContainerCreateOptions, ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import {
  ContainerNameTaken,
  type BuildRequest,
  type ContainerListing,
  type DockerEngine,
  type EngineEvent,
  type VolumeListing,
} from '../docker/engine';

interface FakeContainer {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  running: boolean;
  health?: 'starting' | 'healthy' | 'unhealthy';
  networks: Record<string, { Aliases: string[] }>;
  hostConfig: Record<string, unknown>;
  /** Published ports, as the Engine reports them: `{ '8080/tcp': [{ HostPort: '18080' }] }`. */
  ports?: Record<string, Array<{ HostIp?: string; HostPort: string }>>;
}

/**
 * An in-memory Docker Engine for command tests: containers, images, networks and a log of every
 * call. `healthOf` decides what health a new container reports for its image.
 */
export class FakeDocker implements DockerEngine {
  calls: string[] = [];
  containers = new Map<string, FakeContainer>();
  images = new Map<string, Partial<ImageInspectInfo> & { Id: string }>();
  /** What a build of each tag streams back. */
  buildStreams = new Map<string, EngineEvent[]>();
  healthOf: (image: string) => 'healthy' | 'unhealthy' = () => 'healthy';
  volumes = new Map<string, VolumeListing>();
  reachable = true;
  private nextId = 1;

  addContainer(
    container: Partial<FakeContainer> & {
      name: string;
      image: string;
      labels: Record<string, string>;
    },
  ): string {
    const id = `c${this.nextId++}`.padEnd(12, '0');
    this.containers.set(id, {
      id,
      running: true,
      health: 'healthy',
      networks: {
        net: {
          Aliases: [
            container.labels['com.docker.compose.service'] ?? container.name,
            id.slice(0, 12),
          ],
        },
      },
      hostConfig: { NetworkMode: 'net' },
      ...container,
    });
    return id;
  }

  running(service: string): FakeContainer[] {
    return [...this.containers.values()].filter(
      (container) =>
        container.running && container.labels['com.docker.compose.service'] === service,
    );
  }

  async ping() {
    this.calls.push('ping');
    if (!this.reachable) throw new Error('docker down');
  }

  async build(request: BuildRequest, onEvent: (event: EngineEvent) => void) {
    this.calls.push(`build ${request.tag}`);
    request.context.destroy();
    const events = this.buildStreams.get(request.tag) ?? [{ stream: 'Step 1/1 : FROM scratch\n' }];
    for (const event of events) onEvent(event);
    if (!events.some((event) => event.error))
      this.images.set(request.tag, { Id: `sha256:${request.tag.replace(/\W/g, '')}` });
  }

  async inspectImage(ref: string) {
    return this.images.get(ref) as ImageInspectInfo | undefined;
  }

  async tagImage(ref: string, repository: string, tag: string) {
    this.calls.push(`tag ${ref} ${repository}:${tag}`);
  }

  async push(repository: string, tag: string) {
    this.calls.push(`push ${repository}:${tag}`);
  }

  async listContainers(labels: Record<string, string>, all = false): Promise<ContainerListing[]> {
    return [...this.containers.values()]
      .filter(
        (container) =>
          (all || container.running) &&
          Object.entries(labels).every(([key, value]) => container.labels[key] === value),
      )
      .map((container) => ({
        id: container.id,
        name: container.name,
        state: container.running ? 'running' : 'exited',
        labels: container.labels,
      }));
  }

  async inspectContainer(id: string) {
    const container = this.containers.get(id);
    if (!container) return undefined;
    return {
      Id: container.id,
      Name: `/${container.name}`,
      Image: this.images.get(container.image)?.Id ?? container.image,
      Config: { Image: container.image, Labels: container.labels, Env: [] },
      State: {
        Running: container.running,
        Status: container.running ? 'running' : 'exited',
        ExitCode: 0,
        StartedAt: new Date(0).toISOString(),
        Health: container.health
          ? { Status: container.health, FailingStreak: 0, Log: [] }
          : undefined,
      },
      HostConfig: container.hostConfig,
      NetworkSettings: { Networks: container.networks, Ports: container.ports ?? {} },
    } as unknown as ContainerInspectInfo;
  }

  async createContainer(options: ContainerCreateOptions) {
    if (options.name && [...this.containers.values()].some((c) => c.name === options.name))
      throw new ContainerNameTaken(options.name);
    const id = `c${this.nextId++}`.padEnd(12, '0');
    this.calls.push(`create ${options.name} ${options.Image}`);
    const networks = Object.fromEntries(
      Object.entries(options.NetworkingConfig?.EndpointsConfig ?? {}).map(([name, endpoint]) => [
        name,
        { Aliases: endpoint.Aliases ?? [] },
      ]),
    );
    this.containers.set(id, {
      id,
      name: options.name ?? id,
      image: options.Image ?? '',
      labels: options.Labels ?? {},
      running: false,
      networks,
      hostConfig: (options.HostConfig ?? {}) as Record<string, unknown>,
    });
    return id;
  }

  async startContainer(id: string) {
    this.calls.push(`start ${this.nameOf(id)}`);
    const container = this.containers.get(id);
    if (container) {
      container.running = true;
      container.health = this.healthOf(container.image);
    }
  }

  async stopContainer(id: string, timeoutSeconds: number) {
    this.calls.push(`stop ${this.nameOf(id)} ${timeoutSeconds}s`);
    const container = this.containers.get(id);
    if (container) container.running = false;
  }

  async removeContainer(id: string) {
    this.calls.push(`remove ${this.nameOf(id)}`);
    this.containers.delete(id);
  }

  async connectNetwork(network: string, id: string, aliases: string[]) {
    this.calls.push(`connect ${this.nameOf(id)} ${network} [${aliases.join(',')}]`);
    const container = this.containers.get(id);
    if (container) container.networks[network] = { Aliases: aliases };
  }

  async disconnectNetwork(network: string, id: string) {
    this.calls.push(`disconnect ${this.nameOf(id)} ${network}`);
    const container = this.containers.get(id);
    if (container) delete container.networks[network];
  }

  async createVolume(name: string, labels: Record<string, string>) {
    if (!this.volumes.has(name)) this.volumes.set(name, { name, labels });
  }

  async listVolumes(labels: Record<string, string>) {
    return [...this.volumes.values()].filter((volume) =>
      Object.entries(labels).every(([key, value]) => volume.labels[key] === value),
    );
  }

  async removeVolume(name: string) {
    this.volumes.delete(name);
  }

  private nameOf(id: string): string {
    return this.containers.get(id)?.name ?? id;
  }
}

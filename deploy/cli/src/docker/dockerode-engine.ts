import Docker from 'dockerode';
import { EnvironmentError } from '../core/errors';
import { ContainerNameTaken, type DockerEngine, type EngineEvent } from './engine';

/** The Docker Engine through dockerode, honouring DOCKER_HOST like the docker CLI. */
export function dockerodeEngine(docker = new Docker()): DockerEngine {
  const follow = (stream: NodeJS.ReadableStream, onEvent: (event: EngineEvent) => void) =>
    new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: EngineEvent) => onEvent(event),
      );
    });
  const notFoundIsUndefined = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  };

  return {
    async ping() {
      try {
        await docker.ping();
      } catch (error) {
        const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
        throw new EnvironmentError(
          `Docker is not reachable at ${where} (${(error as Error).message})`,
          'start the Docker Engine or point DOCKER_HOST at it',
        );
      }
    },
    async build(request, onEvent) {
      const stream = await docker.buildImage(request.context, {
        t: request.tag,
        dockerfile: request.dockerfile,
        buildargs: request.buildArgs,
        labels: request.labels,
        rm: true,
        forcerm: true,
      });
      await follow(stream, onEvent);
    },
    inspectImage: (ref) => notFoundIsUndefined(() => docker.getImage(ref).inspect()),
    async tagImage(ref, repository, tag) {
      await docker.getImage(ref).tag({ repo: repository, tag });
    },
    async push(repository, tag, auth, onEvent) {
      const stream = await docker
        .getImage(`${repository}:${tag}`)
        .push({ tag, authconfig: auth ?? {} });
      await follow(stream, onEvent);
    },
    async listContainers(labels, all = false) {
      const found = await docker.listContainers({
        all,
        filters: { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) },
      });
      return found.map((container) => ({
        id: container.Id,
        name: (container.Names[0] ?? '').replace(/^\//, ''),
        state: container.State,
        labels: container.Labels,
      }));
    },
    inspectContainer: (id) => notFoundIsUndefined(() => docker.getContainer(id).inspect()),
    async createContainer(options) {
      try {
        const container = await docker.createContainer(options);
        return container.id;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 409 && options.name)
          throw new ContainerNameTaken(options.name);
        throw error;
      }
    },
    async startContainer(id) {
      await docker.getContainer(id).start();
    },
    async stopContainer(id, timeoutSeconds) {
      await notFoundIsUndefined(() =>
        docker.getContainer(id).stop({ t: timeoutSeconds }).catch(ignoreNotModified),
      );
    },
    async removeContainer(id) {
      await notFoundIsUndefined(() => docker.getContainer(id).remove({ force: true, v: true }));
    },
    async connectNetwork(network, containerId, aliases) {
      await docker
        .getNetwork(network)
        .connect({ Container: containerId, EndpointConfig: { Aliases: aliases } });
    },
    async disconnectNetwork(network, containerId) {
      await notFoundIsUndefined(() =>
        docker.getNetwork(network).disconnect({ Container: containerId, Force: true }),
      );
    },
    async createVolume(name, labels) {
      await docker.createVolume({ Name: name, Labels: labels });
    },
    async listVolumes(labels) {
      const found = await docker.listVolumes({
        filters: { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) },
      });
      return (found.Volumes ?? []).map((volume) => ({
        name: volume.Name,
        labels: volume.Labels ?? {},
      }));
    },
    async removeVolume(name) {
      await notFoundIsUndefined(() => docker.getVolume(name).remove());
    },
  };
}

/** 304: the container was already stopped. */
function ignoreNotModified(error: { statusCode?: number }): void {
  if (error.statusCode !== 304) throw error;
}

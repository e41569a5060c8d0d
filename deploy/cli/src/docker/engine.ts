import type { ContainerCreateOptions, ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import type { Readable } from 'node:stream';

/** One line of a build or push stream, as the Docker Engine sends it. */
export interface EngineEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Digest?: string; Tag?: string };
}

export interface BuildRequest {
  context: Readable;
  dockerfile: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

/** What the Engine's push takes as X-Registry-Auth: a user and password, or an identity token. */
export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
  identitytoken?: string;
}

export interface ContainerListing {
  id: string;
  name: string;
  state: string;
  labels: Record<string, string>;
}

export interface VolumeListing {
  name: string;
  labels: Record<string, string>;
}

/** createContainer with a name another container has (the Engine's 409): how the target lock is taken. */
export class ContainerNameTaken extends Error {
  constructor(readonly containerName: string) {
    super(`a container named ${containerName} exists`);
    this.name = 'ContainerNameTaken';
  }
}

/**
 * What the commands need from Docker, and nothing more: small enough to fake in unit
 * tests, implemented with dockerode in dockerode-engine.ts.
 */
export interface DockerEngine {
  /** Throws EnvironmentError when the daemon does not answer. */
  ping(): Promise<void>;
  build(request: BuildRequest, onEvent: (event: EngineEvent) => void): Promise<void>;
  inspectImage(ref: string): Promise<ImageInspectInfo | undefined>;
  tagImage(ref: string, repository: string, tag: string): Promise<void>;
  push(
    repository: string,
    tag: string,
    auth: RegistryAuth | undefined,
    onEvent: (event: EngineEvent) => void,
  ): Promise<void>;
  listContainers(labels: Record<string, string>, all?: boolean): Promise<ContainerListing[]>;
  inspectContainer(id: string): Promise<ContainerInspectInfo | undefined>;
  createContainer(options: ContainerCreateOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Sends the container's stop signal, then SIGKILL after `timeoutSeconds`. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  connectNetwork(network: string, containerId: string, aliases: string[]): Promise<void>;
  disconnectNetwork(network: string, containerId: string): Promise<void>;
  /** A named volume carrying labels (the release records kept on the Engine). */
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  listVolumes(labels: Record<string, string>): Promise<VolumeListing[]>;
  removeVolume(name: string): Promise<void>;
}

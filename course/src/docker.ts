import { run } from './shell';

/** The part of `docker inspect` the checkers read. */
export interface Container {
  Id: string;
  Name: string;
  Image: string;
  Created: string;
  RestartCount: number;
  State: { Status: string; ExitCode: number; StartedAt: string; Health?: { Status: string } };
  Config: { Labels: Record<string, string> };
  NetworkSettings: {
    Networks: Record<string, { IPAddress: string }>;
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null>;
  };
}

export interface Image {
  Id: string;
  Config: { User: string; Healthcheck?: { Test: string[] } };
  RootFS: { Layers: string[] };
  Size: number;
}

async function inspect<T>(kind: 'container' | 'image', ids: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const result = await run('docker', [kind, 'inspect', ...ids]);
  if (result.code !== 0) throw new Error(`docker ${kind} inspect: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as T[];
}

/** Every container of a Compose project (or of one service), running or not. */
export async function projectContainers(project: string, service?: string): Promise<Container[]> {
  const filters = ['--filter', `label=com.docker.compose.project=${project}`];
  if (service) filters.push('--filter', `label=com.docker.compose.service=${service}`);
  const listed = await run('docker', ['ps', '-a', '-q', '--no-trunc', ...filters]);
  if (listed.code !== 0) throw new Error(`docker ps: ${listed.stderr.trim()}`);
  return inspect<Container>('container', listed.stdout.split('\n').filter(Boolean));
}

export const serviceOf = (container: Container): string =>
  container.Config.Labels['com.docker.compose.service'] ?? '';

export const running = (containers: Container[]): Container[] =>
  containers.filter((container) => container.State.Status === 'running');

export async function inspectImage(id: string): Promise<Image> {
  const [image] = await inspect<Image>('image', [id]);
  if (!image) throw new Error(`no image ${id}`);
  return image;
}

/** Network names without the Compose project's prefix. */
export const networksOf = (container: Container, project: string): string[] =>
  Object.keys(container.NetworkSettings.Networks)
    .map((name) => name.replace(`${project}_`, ''))
    .sort();

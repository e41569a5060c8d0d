import { runOrThrow } from './run';

/** The parts of `docker inspect` these tests read. */
export interface ContainerInfo {
  Id: string;
  Name: string;
  Config: {
    User: string;
    Labels: Record<string, string>;
    Healthcheck?: { Test?: string[] };
  };
  State: { Status: string; ExitCode: number; OOMKilled: boolean; Health?: { Status: string } };
  NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
  HostConfig: {
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    CapAdd: string[] | null;
    SecurityOpt: string[] | null;
    Memory: number;
    PidsLimit: number | null;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
  };
}

export const serviceOf = (container: ContainerInfo) =>
  container.Config.Labels['com.docker.compose.service'] ?? '';

/** Every container of a Compose project, one-offs excluded. */
export async function projectContainers(project: string): Promise<ContainerInfo[]> {
  const ids = (
    await runOrThrow('docker', [
      'ps',
      '-aq',
      '--filter',
      `label=com.docker.compose.project=${project}`,
    ])
  )
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  const all = JSON.parse(await runOrThrow('docker', ['inspect', ...ids])) as ContainerInfo[];
  return all.filter((c) => c.Config.Labels['com.docker.compose.oneoff'] !== 'True');
}

export async function inspectContainer(id: string): Promise<ContainerInfo> {
  const [info] = JSON.parse(await runOrThrow('docker', ['inspect', id])) as ContainerInfo[];
  if (!info) throw new Error(`no container ${id}`);
  return info;
}

/** The user ids of every process in a running container, as the host sees them. */
export async function processUids(id: string): Promise<number[]> {
  // docker top insists on a pid column.
  const table = await runOrThrow('docker', ['top', id, '-eo', 'uid,pid']);
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((uid): uid is string => Boolean(uid))
    .map(Number);
}

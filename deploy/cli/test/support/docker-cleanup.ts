import { execFileSync } from 'node:child_process';

const docker = (...args: string[]) => {
  try {
    return execFileSync('docker', args, { stdio: 'pipe' }).toString().trim();
  } catch {
    return '';
  }
};

/** Removes every container of a compose project, its networks and volumes, whatever state they are in. */
export function removeComposeProject(project: string): void {
  const containers = docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)
    .split('\n')
    .filter(Boolean);
  if (containers.length > 0) docker('rm', '-fv', ...containers);
  const networks = docker(
    'network',
    'ls',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  )
    .split('\n')
    .filter(Boolean);
  if (networks.length > 0) docker('network', 'rm', ...networks);
  const volumes = docker(
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  )
    .split('\n')
    .filter(Boolean);
  if (volumes.length > 0) docker('volume', 'rm', ...volumes);
}

export function containerExists(name: string): boolean {
  return docker('ps', '-aq', '--filter', `name=^${name}$`) !== '';
}

export function removeContainer(name: string): void {
  docker('rm', '-fv', name);
}

/** The ids of the images tagged with a reference (a repository, or repository:tag). */
export function imageIds(reference: string): string[] {
  return docker('images', '-q', '--no-trunc', '--filter', `reference=${reference}`)
    .split('\n')
    .filter(Boolean);
}

/** Removes the images tagged with a reference, except those in `keep` (ids that were there before). */
export function removeImages(reference: string, keep: ReadonlySet<string> = new Set()): void {
  const ids = new Set(imageIds(reference).filter((id) => !keep.has(id)));
  if (ids.size > 0) docker('rmi', '-f', ...ids);
}

export function runningContainers(project: string, service: string): string[] {
  return docker(
    'ps',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
  )
    .split('\n')
    .filter(Boolean);
}

/** Removes the release records portside keeps on the Engine for a compose project, and its lock. */
export function removeLedger(project: string): void {
  const volumes = docker(
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=io.portside.ledger.project=${project}`,
  )
    .split('\n')
    .filter(Boolean);
  if (volumes.length > 0) docker('volume', 'rm', ...volumes);
  docker('rm', '-f', `portside-lock.${project}`);
}

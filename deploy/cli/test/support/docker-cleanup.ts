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
  const containers = docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
  if (containers.length > 0) docker('rm', '-fv', ...containers);
  const networks = docker('network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
  if (networks.length > 0) docker('network', 'rm', ...networks);
  const volumes = docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
  if (volumes.length > 0) docker('volume', 'rm', ...volumes);
}

export function containerExists(name: string): boolean {
  return docker('ps', '-aq', '--filter', `name=^${name}$`) !== '';
}

export function removeContainer(name: string): void {
  docker('rm', '-fv', name);
}

/** Image tags of the fixture's apps (portside/api, portside/greeter and their registry copies). */
export function removeImages(reference: string): void {
  const ids = docker('images', '-q', '--filter', `reference=${reference}`).split('\n').filter(Boolean);
  if (ids.length > 0) docker('rmi', '-f', ...new Set(ids));
}

export function runningContainers(project: string, service: string): string[] {
  return docker('ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', `label=com.docker.compose.service=${service}`)
    .split('\n')
    .filter(Boolean);
}

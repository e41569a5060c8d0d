import { execFileSync } from 'node:child_process';

const docker = (...args: string[]) => {
  try {
    return execFileSync('docker', args, { stdio: 'pipe' }).toString().trim();
  } catch {
    return '';
  }
};

/** The ids a docker listing prints, one a line. */
const listedIds = (...list: string[]) =>
  docker(...list)
    .split('\n')
    .filter(Boolean);

/** Removes whatever a listing finds: `remove` is the removal command, before the ids. */
const removeListed = (list: string[], remove: string[]) => {
  const ids = listedIds(...list);
  if (ids.length > 0) docker(...remove, ...ids);
};

const ofProject = (project: string) => ['--filter', `label=com.docker.compose.project=${project}`];

/** Removes every container of a compose project, its networks and volumes, whatever state they are in. */
export function removeComposeProject(project: string): void {
  removeListed(['ps', '-aq', ...ofProject(project)], ['rm', '-fv']);
  removeListed(['network', 'ls', '-q', ...ofProject(project)], ['network', 'rm']);
  removeListed(['volume', 'ls', '-q', ...ofProject(project)], ['volume', 'rm']);
}

export function containerExists(name: string): boolean {
  return docker('ps', '-aq', '--filter', `name=^${name}$`) !== '';
}

export function removeContainer(name: string): void {
  docker('rm', '-fv', name);
}

/** The ids of the images tagged with a reference (a repository, or repository:tag). */
export function imageIds(reference: string): string[] {
  return listedIds('images', '-q', '--no-trunc', '--filter', `reference=${reference}`);
}

/** Removes the images tagged with a reference, except those in `keep` (ids that were there before). */
export function removeImages(reference: string, keep: ReadonlySet<string> = new Set()): void {
  const ids = new Set(imageIds(reference).filter((id) => !keep.has(id)));
  if (ids.size > 0) docker('rmi', '-f', ...ids);
}

export function runningContainers(project: string, service: string): string[] {
  return listedIds(
    'ps',
    '-q',
    ...ofProject(project),
    '--filter',
    `label=com.docker.compose.service=${service}`,
  );
}

/** Removes the release records portside keeps on the Engine for a compose project, and its lock. */
export function removeLedger(project: string): void {
  removeListed(
    ['volume', 'ls', '-q', '--filter', `label=io.portside.ledger.project=${project}`],
    ['volume', 'rm'],
  );
  docker('rm', '-f', `portside-lock.${project}`);
}

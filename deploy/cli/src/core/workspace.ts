import { existsSync } from 'node:fs';
import path from 'node:path';
import { exec } from './exec';
import { EnvironmentError, UsageError } from './errors';

/** An app that ships as an image: a project under apps/ with a Dockerfile. */
export interface Deployable {
  name: string;
  /** The project folder, relative to the repository root. */
  root: string;
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
}

export interface Workspace {
  root: string;
  deployables(): Promise<Deployable[]>;
  affected(): Promise<string[]>;
}

/** The repository root: the closest folder above `from` holding nx.json. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new EnvironmentError(
        'no nx.json found above the current folder',
        'run portside inside the Portside repository',
      );
    dir = parent;
  }
}

interface ProjectNode {
  name: string;
  root: string;
}

/**
 * Projects from the Nx project graph: in-process through @nx/devkit's createProjectGraphAsync
 * when the workspace has Nx installed (one graph computation), else through `nx show` (one
 * process per project).
 */
async function nxProjects(root: string): Promise<ProjectNode[]> {
  if (existsSync(path.join(root, 'node_modules', '@nx', 'devkit'))) {
    process.env.NX_DAEMON ??= 'false';
    // Loaded on first use only: most commands never need the graph.
    const { createProjectGraphAsync } = await import('@nx/devkit');
    const graph = await withCwd(root, () => createProjectGraphAsync({ exitOnError: false }));
    return Object.values(graph.nodes).map((node) => ({ name: node.name, root: node.data.root }));
  }
  const names = JSON.parse(await nx(root, ['show', 'projects', '--json'])) as string[];
  return Promise.all(
    names.map(async (name) => {
      const detail = JSON.parse(await nx(root, ['show', 'project', name, '--json'])) as {
        root: string;
      };
      return { name, root: detail.root };
    }),
  );
}

async function withCwd<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await work();
  } finally {
    process.chdir(before);
  }
}

async function nx(root: string, args: string[]): Promise<string> {
  const nxBin = path.join(root, 'node_modules', '.bin', 'nx');
  const result = await exec(
    existsSync(nxBin) ? nxBin : 'npx',
    existsSync(nxBin) ? args : ['nx', ...args],
    {
      cwd: root,
      env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: 'true' },
      timeoutMs: 120_000,
    },
  );
  if (result.code !== 0)
    throw new EnvironmentError(
      `nx ${args.join(' ')} failed: ${result.stderr.trim().split('\n').pop()}`,
    );
  return result.stdout;
}

export function deployablesFrom(root: string, projects: ProjectNode[]): Deployable[] {
  return projects
    .filter((project) => project.root.startsWith('apps/'))
    .filter((project) => existsSync(path.join(root, project.root, 'Dockerfile')))
    .map((project) => ({
      // Images are named after the folder (apps/catalog -> catalog), not the npm scope.
      name: path.basename(project.root),
      root: project.root,
      dockerfile: `${project.root}/Dockerfile`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function nxWorkspace(root: string): Workspace {
  let cached: Promise<ProjectNode[]> | undefined;
  const projects = () => (cached ??= nxProjects(root));
  return {
    root,
    deployables: async () => deployablesFrom(root, await projects()),
    affected: async () => {
      const names = JSON.parse(
        await nx(root, ['show', 'projects', '--affected', '--json']),
      ) as string[];
      const byName = new Map(
        (await projects()).map((project) => [project.name, path.basename(project.root)]),
      );
      return names.map((name) => byName.get(name) ?? name);
    },
  };
}

/** The named apps, or every deployable; an unknown name is bad input (exit 2). */
export function selectDeployables(all: Deployable[], names: string[]): Deployable[] {
  if (names.length === 0) return all;
  const known = new Map(all.map((deployable) => [deployable.name, deployable]));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const list = all.map((deployable) => deployable.name).join(', ') || 'none';
    throw new UsageError(
      `unknown app ${unknown.map((name) => `"${name}"`).join(', ')}; deployable apps are: ${list}`,
    );
  }
  return names.map((name) => known.get(name) as Deployable);
}

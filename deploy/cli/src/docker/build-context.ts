import ignore from '@balena/dockerignore';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-fs';

/** Used only when the repository has no .dockerignore, so a context never ships node_modules. */
const FALLBACK_IGNORES = [
  'node_modules',
  '**/node_modules',
  '.git',
  '.nx',
  '.portside',
  '**/dist',
  '**/coverage',
];

/**
 * A predicate saying whether a path (relative to the context root, `/` separated) stays out
 * of the build context, with Docker's .dockerignore rules (globs, `**`, `!` exceptions).
 * The Dockerfile and .dockerignore are always sent, as the Docker CLI does.
 */
export function contextFilter(
  root: string,
  alwaysInclude: string[] = [],
): { ignores(relative: string): boolean; mayReinclude(dir: string): boolean } {
  const file = path.join(root, '.dockerignore');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/) : FALLBACK_IGNORES;
  const rules = ignore().add(lines);
  const exceptions = lines
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/^\/+/, ''));
  const kept = new Set(['.dockerignore', ...alwaysInclude]);
  return {
    ignores: (relative) => !kept.has(relative) && rules.ignores(relative),
    // An ignored folder is still walked when an exception could bring back something inside it.
    mayReinclude: (dir) =>
      [...kept].some((keep) => keep.startsWith(`${dir}/`)) ||
      exceptions.some((pattern) => couldMatchBelow(pattern, dir)),
  };
}

/** The repository as a tar stream: what `docker build` would upload as its context. */
export function buildContext(root: string, dockerfile: string): Readable {
  const filter = contextFilter(root, [dockerfile]);
  return tar.pack(root, {
    ignore: (name) => {
      const relative = path.relative(root, name).split(path.sep).join('/');
      if (relative === '' || !filter.ignores(relative)) return false;
      return !(isDirectory(name) && filter.mayReinclude(relative));
    },
  }) as unknown as Readable;
}

function isDirectory(name: string): boolean {
  try {
    return statSync(name).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a glob pattern could match something inside `dir` (segment by segment, `**` matches any depth). */
export function couldMatchBelow(pattern: string, dir: string): boolean {
  const patternSegments = pattern.split('/');
  const dirSegments = dir.split('/');
  for (const [index, segment] of dirSegments.entries()) {
    const glob = patternSegments[index];
    if (glob === undefined) return false;
    if (glob === '**') return true;
    if (!segmentRegex(glob).test(segment)) return false;
  }
  return patternSegments.length > dirSegments.length;
}

function segmentRegex(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

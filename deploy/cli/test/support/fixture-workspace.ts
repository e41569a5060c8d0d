import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, gitWorkspace, REPO_ROOT, type GitWorkspace } from './git-workspace';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');

export type FixtureWorkspace = GitWorkspace;

/** A copy of the fixture workspace (two small apps, an edge, a migration) in a temporary git repository. */
export function createFixtureWorkspace(): FixtureWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-ws-'));
  cpSync(FIXTURE, dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'fixture');
  return gitWorkspace(dir);
}

/**
 * A clone of this repository at its current commit: Portside's own apps, Dockerfiles and
 * Compose stack, in a workspace where a test may commit without touching the developer's tree.
 */
export function clonePortside(): GitWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-clone-'));
  git(REPO_ROOT, 'clone', '-q', '--no-hardlinks', REPO_ROOT, dir);
  return gitWorkspace(dir);
}

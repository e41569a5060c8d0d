import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');
const REPO_NODE_MODULES = path.resolve(__dirname, '../../../../node_modules');

export interface FixtureWorkspace {
  dir: string;
  /** Writes files (relative paths) and commits them, as a developer would before a release. */
  commit(files: Record<string, string>, message: string): void;
  remove(): void;
}

/** A copy of the fixture workspace in a temporary git repository, with the root's node_modules (for nx). */
export function createFixtureWorkspace(): FixtureWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-ws-'));
  cpSync(FIXTURE, dir, { recursive: true });
  symlinkSync(REPO_NODE_MODULES, path.join(dir, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@portside.test', '-c', 'user.name=ci', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'fixture');
  return {
    dir,
    commit(files, message) {
      for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
      git('add', '-A');
      git('commit', '-qm', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

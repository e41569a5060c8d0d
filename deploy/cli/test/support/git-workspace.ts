import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The repository these tests belong to. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface GitWorkspace {
  dir: string;
  /** Writes files (relative paths) and commits them, as a developer would before a release. */
  commit(files: Record<string, string>, message: string): void;
  remove(): void;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@portside.test', '-c', 'user.name=ci', ...args], {
    cwd: dir,
    stdio: 'pipe',
  })
    .toString()
    .trim();
}

/** Wraps a folder holding a git repository, with the repository's node_modules linked in so Nx finds its plugins. */
export function gitWorkspace(dir: string): GitWorkspace {
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // A symlink is not a folder, so .gitignore's `node_modules/` does not cover it.
  appendFileSync(path.join(dir, '.git', 'info', 'exclude'), '\n/node_modules\n');
  return {
    dir,
    commit(files, message) {
      for (const [file, content] of Object.entries(files))
        writeFileSync(path.join(dir, file), content);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

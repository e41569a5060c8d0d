import { exec } from './exec';

export interface GitRevision {
  sha: string;
  dirty: boolean;
  /** The image tag: the sha, with `-dirty` when the tree has uncommitted changes. */
  tag: string;
}

export async function gitRevision(root: string): Promise<GitRevision> {
  const head = await exec('git', ['rev-parse', 'HEAD'], { cwd: root });
  const sha = head.code === 0 ? head.stdout.trim() : 'unversioned';
  const status = await exec('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
  });
  const dirty = status.code !== 0 || status.stdout.trim() !== '';
  return { sha, dirty, tag: dirty ? `${sha}-dirty` : sha };
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFixtureWorkspace, type FixtureWorkspace } from './support/fixture-workspace';
import { runCli } from './support/run-cli';

// An app whose inputs did not change keeps its image (and so its digest) at a new commit: the
// commit is the tag and the ledger's record, never part of the image.

let workspace: FixtureWorkspace;
const tags: string[] = [];

const builtGreeter = async () => {
  const result = await runCli(['build', 'greeter'], { cwd: workspace.dir });
  expect(result.code).toBe(0);
  const ledger = JSON.parse(
    readFileSync(path.join(workspace.dir, '.portside/releases.json'), 'utf8'),
  ) as { builds: Record<string, { imageId: string; tag: string; gitSha: string }> };
  const build = ledger.builds.greeter!;
  tags.push(`portside/greeter:${build.tag}`);
  return build;
};

beforeAll(() => {
  workspace = createFixtureWorkspace();
});

afterAll(() => {
  // Only this test's tags: the image itself may be shared with other builds of the same inputs.
  for (const tag of tags) {
    try {
      execFileSync('docker', ['rmi', tag], { stdio: 'pipe' });
    } catch {
      // Already gone.
    }
  }
  workspace.remove();
});

it('gives the same image id at a later commit that changed none of its inputs', async () => {
  const first = await builtGreeter();
  workspace.commit({}, 'a commit that changes nothing the image is built from');
  const second = await builtGreeter();

  expect(second.gitSha).not.toBe(first.gitSha);
  expect(second.tag).not.toBe(first.tag);
  expect(second.imageId).toBe(first.imageId);
  const labels = JSON.parse(
    execFileSync('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .Config.Labels}}',
      second.imageId,
    ]).toString(),
  ) as Record<string, string>;
  expect(Object.values(labels)).not.toContain(second.gitSha);
});

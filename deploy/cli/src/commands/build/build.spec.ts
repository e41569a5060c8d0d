import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { BuildFailedError, EnvironmentError, UsageError } from '../../core/errors';
import type { Workspace } from '../../core/workspace';
import { fakeContext } from '../../testing/fake-context';
import { FakeDocker } from '../../testing/fake-docker';
import { build } from '.';

describe('build', () => {
  let root: string;
  let docker: FakeDocker;
  let ctx: CommandContext;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-build-'));
    docker = new FakeDocker();
    const workspace: Workspace = {
      root,
      deployables: async () =>
        ['cart', 'catalog'].map((name) => ({
          name,
          root: `apps/${name}`,
          dockerfile: `apps/${name}/Dockerfile`,
        })),
      affected: async () => ['catalog', 'contracts'],
    };
    ctx = fakeContext(root, docker, { workspace, env: { NODE_IMAGE: 'local/node:24' } });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds every deployable and records each image in the ledger', async () => {
    const images = await build({ apps: [] }, ctx);
    expect(images.map((image) => image.app)).toEqual(['cart', 'catalog']);
    const { builds } = await ctx.ledger.read();
    expect(Object.keys(builds).sort()).toEqual(['cart', 'catalog']);
    expect(builds.catalog?.tag).toMatch(/^(unversioned|[0-9a-f]{40})(-dirty)?$/);
  });

  it('builds only the affected apps that are deployable', async () => {
    const images = await build({ apps: [], affected: true }, ctx);
    expect(images.map((image) => image.app)).toEqual(['catalog']);
  });

  it('rejects an unknown app, naming the known ones', async () => {
    await expect(build({ apps: ['checkout'] }, ctx)).rejects.toThrow(
      new UsageError('unknown app "checkout"; deployable apps are: cart, catalog'),
    );
  });

  it('reports the failing step with its output, and still records the images that built', async () => {
    docker.build = async (request, onEvent) => {
      if (request.tag.startsWith('portside/cart')) {
        onEvent({ stream: 'Step 5/9 : RUN npm ci\n' });
        onEvent({ stream: 'npm ERR! missing lockfile\n' });
        onEvent({
          error: 'The command returned a non-zero code: 1',
          errorDetail: { message: 'The command returned a non-zero code: 1' },
        });
      } else docker.images.set(request.tag, { Id: 'sha256:catalog' });
      request.context.destroy();
    };
    const failure = await build({ apps: [] }, ctx).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BuildFailedError);
    expect((failure as BuildFailedError).detail).toContain(
      'Step 5/9 : RUN npm ci\n    npm ERR! missing lockfile',
    );
    expect(Object.keys((await ctx.ledger.read()).builds)).toEqual(['catalog']);
  });

  it('stops before anything when Docker does not answer', async () => {
    docker.ping = async () => {
      throw new EnvironmentError('Docker is not reachable');
    };
    await expect(build({ apps: [] }, ctx)).rejects.toThrow(EnvironmentError);
  });
});

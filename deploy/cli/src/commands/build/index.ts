import type { CommandContext } from '../../core/context';
import { BuildFailedError } from '../../core/errors';
import { gitRevision } from '../../core/git';
import type { BuiltImage } from '../../core/ledger';
import { mapBounded } from '../../core/pool';
import { selectDeployables, type Deployable } from '../../core/workspace';
import { buildContext } from '../../docker/build-context';
import { BuildLog } from './build-log';

export interface BuildOptions {
  apps: string[];
  affected?: boolean;
  /** Builds running at once; each one is CPU-heavy, so the default is 2. */
  concurrency?: number;
}

/** Base images the Dockerfiles take as ARGs; passed through so CI can use its stand-ins. */
const PASSED_BUILD_ARGS = ['NODE_IMAGE', 'NGINX_IMAGE'];

export const imageRepository = (app: string) => `portside/${app}`;

export async function build(options: BuildOptions, ctx: CommandContext): Promise<BuiltImage[]> {
  await ctx.docker.ping();
  const all = await ctx.workspace.deployables();
  const names = options.affected
    ? (await ctx.workspace.affected()).filter((name) => all.some((d) => d.name === name))
    : options.apps;
  if (options.affected && names.length === 0) {
    ctx.reporter.progress('no deployable app is affected');
    return [];
  }
  const selected = selectDeployables(all, names);
  const revision = await gitRevision(ctx.root);
  const buildArgs = Object.fromEntries(
    PASSED_BUILD_ARGS.flatMap((key) => (ctx.env[key] ? [[key, ctx.env[key] as string]] : [])),
  );

  const results = await mapBounded(selected, options.concurrency ?? 2, (deployable) =>
    buildOne(deployable, revision, buildArgs, ctx),
  );
  const images = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  await ctx.ledger.update((data) => {
    for (const image of images) data.builds[image.app] = image;
  });

  const failures = results.flatMap((result, index) =>
    result.status === 'rejected'
      ? [{ app: selected[index]?.name, error: result.reason as Error }]
      : [],
  );
  if (failures.length > 0) {
    const detail = failures
      .map(
        ({ app, error }) =>
          `--- ${app}\n${error instanceof BuildFailedError ? error.detail : error.message}`,
      )
      .join('\n');
    throw new BuildFailedError(
      `build failed for ${failures.map(({ app }) => app).join(', ')}`,
      'the failing step and its output are shown above',
      detail,
    );
  }
  return images;
}

async function buildOne(
  deployable: Deployable,
  revision: { sha: string; dirty: boolean; tag: string },
  buildArgs: Record<string, string>,
  ctx: CommandContext,
): Promise<BuiltImage> {
  const tag = `${imageRepository(deployable.name)}:${revision.tag}`;
  const log = new BuildLog();
  ctx.reporter.progress(`${deployable.name}: building ${tag}`);
  await ctx.docker.build(
    {
      context: buildContext(ctx.root, deployable.dockerfile),
      dockerfile: deployable.dockerfile,
      tag,
      buildArgs,
      // No commit in the image itself: unchanged inputs give the same image (and digest) at any
      // commit. The commit is the tag and is recorded in the ledger.
      labels: { 'dev.portside.app': deployable.name },
    },
    (event) => {
      const step = log.accept(event);
      if (step) ctx.reporter.progress(`${deployable.name}: ${step}`);
    },
  );
  if (log.error)
    throw new BuildFailedError(`${deployable.name}: ${log.error}`, undefined, log.failureReport());
  const image = await ctx.docker.inspectImage(tag);
  if (!image)
    throw new BuildFailedError(
      `${deployable.name}: the build finished but ${tag} is missing`,
      undefined,
      log.failureReport(),
    );
  ctx.reporter.progress(`${deployable.name}: built ${image.Id.slice(7, 19)}`);
  return {
    app: deployable.name,
    tag: revision.tag,
    imageId: image.Id,
    gitSha: revision.sha,
    dirty: revision.dirty,
    builtAt: new Date().toISOString(),
  };
}

import type { CommandContext } from '../../core/context';
import { EnvironmentError, UsageError } from '../../core/errors';
import type { PushedImage } from '../../core/ledger';
import { engineAuth, findCredential, RegistryClient, registryEndpoint } from '../../registry';
import { imageRepository } from '../build';
import { DEFAULT_REGISTRY, ensureRegistry } from './ensure-registry';
import { engineFailureHint } from './engine-failure';

export interface PushOptions {
  registry?: string;
  apps?: string[];
}

export interface PushResult extends PushedImage {
  skipped: boolean;
}

/** The reference a deploy pins: registry/repository@digest. */
export const pinnedRef = (image: Pick<PushedImage, 'registry' | 'repository' | 'digest'>) =>
  `${image.registry}/${image.repository}@${image.digest}`;

/**
 * `host[:port]`, optionally with a namespace path as hosted registries want it
 * (`ghcr.io/acme` pushes ghcr.io/acme/portside/catalog).
 */
export function parseRegistry(registry: string): { host: string; namespace?: string } {
  const match =
    /^([\w.-]+(?::\d+)?)(?:\/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*))?$/.exec(
      registry,
    );
  if (!match)
    throw new UsageError(
      `--registry wants host:port, optionally with a lower-case namespace (ghcr.io/acme), got "${registry}"`,
    );
  return { host: match[1] as string, namespace: match[2] };
}

export async function push(options: PushOptions, ctx: CommandContext): Promise<PushResult[]> {
  const { host, namespace } = parseRegistry(options.registry ?? DEFAULT_REGISTRY);
  await ctx.docker.ping();
  const found = await findCredential(host, ctx.env);
  if (found) ctx.reporter.progress(`${host}: credentials from ${found.source}`);
  const auth = engineAuth(host, found);
  const client = new RegistryClient(registryEndpoint(host, ctx.env), found);
  await ensureRegistry(client, options.registry !== undefined, ctx);
  const { builds } = await ctx.ledger.read();
  const apps = options.apps?.length ? options.apps : Object.keys(builds).sort();
  const missing = apps.filter((app) => !builds[app]);
  if (apps.length === 0 || missing.length > 0) {
    throw new UsageError(
      `nothing built for ${missing.join(', ') || 'any app'}`,
      'run portside build first',
    );
  }
  const results: PushResult[] = [];
  for (const app of apps) {
    const built = builds[app] as NonNullable<(typeof builds)[string]>;
    const repository = namespace ? `${namespace}/${imageRepository(app)}` : imageRepository(app);
    const remote = `${host}/${repository}`;
    const local = await ctx.docker.inspectImage(built.imageId);
    if (!local)
      throw new UsageError(
        `the image built for ${app} (${built.imageId.slice(7, 19)}) is gone`,
        'run portside build again',
      );
    // The digest this very image got when pushed here before, if it was.
    const knownDigest = local.RepoDigests?.find((ref) => ref.startsWith(`${remote}@`))?.split(
      '@',
    )[1];
    const held = await client.manifestDigest(repository, built.tag);
    let digest: string;
    let skipped = false;
    if (held && knownDigest === held) {
      ctx.reporter.progress(
        `${app}: ${remote}:${built.tag} already holds ${held.slice(0, 19)}, skipped`,
      );
      digest = held;
      skipped = true;
    } else {
      ctx.reporter.progress(`${app}: pushing ${remote}:${built.tag}`);
      await ctx.docker.tagImage(built.imageId, remote, built.tag);
      let pushedDigest: string | undefined;
      let failure: string | undefined;
      try {
        await ctx.docker.push(remote, built.tag, auth, (event) => {
          if (event.aux?.Digest) pushedDigest = event.aux.Digest;
          if (event.error) failure = event.errorDetail?.message ?? event.error;
        });
      } catch (error) {
        failure = (error as Error).message;
      }
      if (failure || !pushedDigest) {
        const reason = failure ?? 'no digest returned';
        throw new EnvironmentError(
          `${app}: push to ${host} failed: ${reason.split('\n')[0]}`,
          engineFailureHint(reason, host, found?.source),
        );
      }
      digest = pushedDigest;
      ctx.reporter.progress(`${app}: pushed ${digest.slice(0, 19)}`);
    }
    results.push({
      app,
      registry: host,
      repository,
      tag: built.tag,
      digest,
      imageId: built.imageId,
      pushedAt: new Date().toISOString(),
      skipped,
    });
  }
  await ctx.ledger.update((data) => {
    for (const { skipped: _skipped, ...pushed } of results) data.pushes[pushed.app] = pushed;
  });
  return results;
}

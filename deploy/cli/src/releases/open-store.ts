import { existsSync } from 'node:fs';
import path from 'node:path';
import { composeProject, type ComposeOptions } from '../compose/project';
import type { CommandContext } from '../core/context';
import { UsageError } from '../core/errors';
import { connect, defaultManifests, type KubernetesDeployOptions } from '../k8s/connect';
import type { KubernetesApi } from '../k8s/kube';
import { loadManifests } from '../k8s/manifests';
import { manifestsNamespace } from '../k8s/namespace';
import { ComposeStore } from './compose-store';
import { KubeStore } from './kube-store';
import type { Target } from './record';
import type { TargetStore } from './target-store';

export type TargetOptions = ComposeOptions &
  Pick<KubernetesDeployOptions, 'context' | 'namespace' | 'manifests' | 'kube'>;

export function parseTarget(target: string | undefined): Target {
  if (target === 'compose' || target === 'k8s') return target;
  throw new UsageError(`unknown target "${target}"; targets are: compose, k8s`);
}

/** The store of a target: the Compose project on the Docker Engine, or a namespace of a cluster. */
export async function openTargetStore(
  target: Target,
  options: TargetOptions,
  ctx: CommandContext,
): Promise<TargetStore> {
  if (target === 'compose') {
    await ctx.docker.ping();
    return new ComposeStore(
      ctx.docker,
      composeProject(options, ctx).projectName,
      ctx.env.DOCKER_HOST,
    );
  }
  const kube = await connect(options);
  return new KubeStore(kube, await targetNamespace(kube, options, ctx));
}

/**
 * The namespace as deploy picks it (as kubectl does): the one asked for, else the manifests' own,
 * else the context's.
 */
export async function targetNamespace(
  kube: KubernetesApi,
  options: TargetOptions,
  ctx: CommandContext,
): Promise<string> {
  if (options.namespace) return options.namespace;
  const dir = path.resolve(ctx.root, options.manifests ?? defaultManifests(ctx.root));
  const fromManifests = existsSync(path.join(dir, 'kustomization.yaml'))
    ? manifestsNamespace(await loadManifests(ctx.root, dir))
    : undefined;
  return fromManifests ?? kube.namespace;
}

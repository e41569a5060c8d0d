import type { CommandContext } from '../../core/context';
import type { Release, ReleaseService } from '../../core/ledger';
import { connect } from '../../k8s/connect';
import { openTargetStore, parseTarget, targetNamespace } from '../../releases/open-store';
import type { ReleaseRecorder } from '../../releases/recorder';
import { underTargetLock } from '../../releases/session';
import type { TargetStore } from '../../releases/target-store';
import { deployCompose, type ComposeDeployOptions } from './compose-target';
import { pushedImages } from './images';
import { deployKubernetes, type KubernetesDeployOptions } from './k8s-target';

export interface DeployOptions
  extends Omit<ComposeDeployOptions, 'recorder'>, KubernetesDeployOptions {
  target: string;
  /** Deploy these images instead of the last pushed ones (rollback uses it). */
  images?: Record<string, ReleaseService>;
}

/** Deploys holding the target's lock, recording the release on the target. */
export async function deploy(options: DeployOptions, ctx: CommandContext): Promise<Release> {
  // The target is reached before anything else, so a missing context or Engine is reported as such.
  const { store, options: connected } = await storeFor(options, ctx);
  return underTargetLock(store, ctx, 'deploy', (recorder) => rollOut(connected, ctx, recorder));
}

/** The rollout itself, for a caller that already holds the lock (deploy, rollback). */
export async function rollOut(
  options: DeployOptions,
  ctx: CommandContext,
  recorder: ReleaseRecorder,
): Promise<Release> {
  const images = options.images ?? (await pushedImages(ctx));
  if (parseTarget(options.target) === 'compose')
    return deployCompose(images, { ...options, recorder }, ctx);
  return deployKubernetes(images, { ...options, recorder }, ctx);
}

/** The target's store for these options, connecting to the cluster once (the rollout reuses it). */
export async function storeFor(
  options: DeployOptions,
  ctx: CommandContext,
): Promise<{ store: TargetStore; options: DeployOptions }> {
  const target = parseTarget(options.target);
  if (target === 'compose') return { store: await openTargetStore(target, options, ctx), options };
  const kube = await connect(options);
  // Resolved once, so the store and the rollout agree on it.
  const namespace = await targetNamespace(kube, options, ctx);
  const connected = { ...options, kube, namespace };
  return { store: await openTargetStore(target, connected, ctx), options: connected };
}

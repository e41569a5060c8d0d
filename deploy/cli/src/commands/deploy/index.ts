import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import type { Release, ReleaseService } from '../../core/ledger';
import { connect } from '../../k8s/connect';
import { openTargetStore, parseTarget, targetNamespace } from '../../releases/open-store';
import { annotateRelease } from '../../releases/grafana-annotation';
import type { ReleaseRecorder } from '../../releases/recorder';
import { underTargetLock } from '../../releases/session';
import type { TargetStore } from '../../releases/target-store';
import { deployCompose, type ComposeDeployOptions } from './compose-target';
import { pushedImages } from './images';
import { deployKubernetes, type KubernetesDeployOptions } from './k8s-target';
import { verifyRelease, type VerifyOptions } from '../verify';

export interface DeployOptions
  extends Omit<ComposeDeployOptions, 'recorder'>, KubernetesDeployOptions {
  target: string;
  /** Deploy these images instead of the last pushed ones (rollback uses it). */
  images?: Record<string, ReleaseService>;
  /** After the rollout, run a load profile and roll back when the release fails it. */
  verify?: VerifyOptions;
}

/** Deploys holding the target's lock, recording the release on the target. */
export async function deploy(options: DeployOptions, ctx: CommandContext): Promise<Release> {
  // Checked before anything rolls: verification must know where to send its load.
  if (options.verify && parseTarget(options.target) === 'k8s' && !options.verify.url)
    throw new UsageError('deploy --verify on k8s needs --url (the address the ingress answers on)');
  // The target is reached before anything else, so a missing context or Engine is reported as such.
  const { store, options: connected } = await storeFor(options, ctx);
  return underTargetLock(store, ctx, 'deploy', async (recorder) => {
    const release = await rollOut(connected, ctx, recorder);
    if (connected.verify) {
      // A rollback after a failed verification must not verify (or pin images) again.
      const { verify, images: _images, rollbackOf: _rollbackOf, ...rolloutOptions } = connected;
      // Still under the lock: nobody else deploys between the rollout, its verdict and a rollback.
      await verifyRelease(release, verify, { store, recorder, rolloutOptions }, ctx);
    }
    return release;
  });
}

/** The rollout itself, for a caller that already holds the lock (deploy, rollback). */
export async function rollOut(
  options: DeployOptions,
  ctx: CommandContext,
  recorder: ReleaseRecorder,
): Promise<Release> {
  const images = options.images ?? (await pushedImages(ctx));
  const release =
    parseTarget(options.target) === 'compose'
      ? await deployCompose(images, { ...options, recorder }, ctx)
      : await deployKubernetes(images, { ...options, recorder }, ctx);
  await annotateRelease(release, ctx);
  return release;
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

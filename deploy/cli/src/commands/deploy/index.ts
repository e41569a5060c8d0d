import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import type { Release, ReleaseService } from '../../core/ledger';
import { deployCompose, type ComposeDeployOptions } from './compose-target';
import { pushedImages } from './images';
import { connect, deployKubernetes, type KubernetesDeployOptions } from './k8s-target';
import { verifyRelease, type VerifyOptions } from '../verify';

export interface DeployOptions extends ComposeDeployOptions, KubernetesDeployOptions {
  target: string;
  /** Deploy these images instead of the last pushed ones (rollback uses it). */
  images?: Record<string, ReleaseService>;
  /** After the rollout, run a load profile and roll back when the release fails it. */
  verify?: VerifyOptions;
}

export async function deploy(options: DeployOptions, ctx: CommandContext): Promise<Release> {
  // Checked before anything rolls: verification must know where to send its load.
  if (options.verify && options.target === 'k8s' && !options.verify.url)
    throw new UsageError('deploy --verify on k8s needs --url (the address the ingress answers on)');
  const release = await rollOut(options, ctx);
  if (options.verify) {
    // A rollback after a failed verification must not verify (or pin images) again.
    const { verify, images: _images, rollbackOf: _rollbackOf, ...rolloutOptions } = options;
    await verifyRelease(release, verify, rolloutOptions, ctx);
  }
  return release;
}

async function rollOut(options: DeployOptions, ctx: CommandContext): Promise<Release> {
  if (options.target !== 'compose' && options.target !== 'k8s') {
    throw new UsageError(`unknown target "${options.target}"; targets are: compose, k8s`);
  }
  if (options.target === 'compose')
    return deployCompose(options.images ?? (await pushedImages(ctx)), options, ctx);
  // The cluster is checked before anything else, so a missing context is reported as such.
  const kube = await connect(options);
  return deployKubernetes(options.images ?? (await pushedImages(ctx)), { ...options, kube }, ctx);
}

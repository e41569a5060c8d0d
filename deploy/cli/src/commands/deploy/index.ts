import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import type { Release, ReleaseService } from '../../core/ledger';
import { deployCompose, type ComposeDeployOptions } from './compose-target';
import { pushedImages } from './images';
import { connect, deployKubernetes, type KubernetesDeployOptions } from './k8s-target';

export interface DeployOptions extends ComposeDeployOptions, KubernetesDeployOptions {
  target: string;
  /** Deploy these images instead of the last pushed ones (rollback uses it). */
  images?: Record<string, ReleaseService>;
}

export async function deploy(options: DeployOptions, ctx: CommandContext): Promise<Release> {
  if (options.target !== 'compose' && options.target !== 'k8s') {
    throw new UsageError(`unknown target "${options.target}"; targets are: compose, k8s`);
  }
  if (options.target === 'compose')
    return deployCompose(options.images ?? (await pushedImages(ctx)), options, ctx);
  // The cluster is checked before anything else, so a missing context is reported as such.
  const kube = await connect(options);
  return deployKubernetes(options.images ?? (await pushedImages(ctx)), { ...options, kube }, ctx);
}

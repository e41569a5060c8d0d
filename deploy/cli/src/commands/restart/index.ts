import { appServices, runningImageEnv } from '../../compose/app-services';
import { readComposeFile } from '../../compose/compose-file';
import { composeProject } from '../../compose/project';
import { rollService, runningReplicas } from '../../compose/rolling';
import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import type { KubernetesApi } from '../../k8s/kube';
import { waitForRollout } from '../../k8s/rollout';
import { underTargetLock } from '../../releases/session';
import { rolloutDeps } from '../deploy/compose-target';
import { storeFor, type DeployOptions } from '../deploy';

export interface RestartOptions extends Omit<DeployOptions, 'images' | 'rollbackOf'> {
  app: string;
}

/** The field manager of restarts, apart from deploy's, so a deploy never undoes one. */
const RESTART_MANAGER = 'portside-restart';

/**
 * Fresh processes for an app, with no moment of downtime and no change of image. Compose: new
 * replicas beside the old, as a deploy rolls them. Kubernetes: as `kubectl rollout restart` does,
 * a new restartedAt annotation on the pod template, then the rollout is awaited.
 */
export async function restart(
  options: RestartOptions,
  ctx: CommandContext,
): Promise<{ app: string; restarted: string[] }> {
  const { store, options: connected } = await storeFor(options, ctx);
  return underTargetLock(store, ctx, 'restart', async () => {
    if (connected.target === 'k8s') {
      const kube = connected.kube as KubernetesApi;
      const namespace = connected.namespace as string;
      const deployment = await kube.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: options.app, namespace },
      });
      if (!deployment)
        throw new UsageError(`no Deployment "${options.app}" in namespace ${namespace}`);
      ctx.reporter.progress(`${options.app}: restarting`);
      const applied = await kube.apply(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: options.app, namespace },
          spec: {
            template: {
              metadata: {
                annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() },
              },
            },
          },
        },
        { fieldManager: RESTART_MANAGER },
      );
      await waitForRollout(kube, applied, { pollMs: connected.pollMs ?? 1000 }, ctx.reporter);
      return { app: options.app, restarted: [options.app] };
    }
    const project = composeProject(connected, ctx);
    const model = readComposeFile(project.file);
    const services = appServices(model, options.app);
    const deps = rolloutDeps(connected, ctx);
    const env = await runningImageEnv(ctx.docker, project.projectName, model);
    for (const service of services) {
      const [replica] = await runningReplicas(deps, service);
      if (!replica) throw new UsageError(`${service} is not running in ${store.where}`);
      await rollService(deps, service, replica.Config.Image, env);
    }
    return { app: options.app, restarted: services };
  });
}

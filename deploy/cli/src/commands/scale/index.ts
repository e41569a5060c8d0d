import { appServices, runningImageEnv } from '../../compose/app-services';
import { readComposeFile } from '../../compose/compose-file';
import { waitHealthy } from '../../compose/health';
import { composeProject } from '../../compose/project';
import { runningReplicas } from '../../compose/rolling';
import type { CommandContext } from '../../core/context';
import { RolloutFailedError, UsageError } from '../../core/errors';
import type { KubernetesApi } from '../../k8s/kube';
import { waitForRollout } from '../../k8s/rollout';
import { underTargetLock } from '../../releases/session';
import { storeFor, type DeployOptions } from '../deploy';
import { rolloutDeps } from '../deploy/compose-target';

export interface ScaleOptions extends Omit<DeployOptions, 'images' | 'rollbackOf'> {
  /** "catalog=3". */
  request: string;
}

/** The field manager of scaling, apart from deploy's (whose next apply sets the manifests' count again). */
const SCALE_MANAGER = 'portside-scale';

export function parseScale(request: string): { app: string; replicas: number } {
  const match = /^([a-z0-9][a-z0-9-]*)=(\d+)$/.exec(request);
  if (!match || Number(match[2]) > 100)
    throw new UsageError(
      `scale wants <app>=<replicas> with 0 to 100 replicas, e.g. catalog=3; got "${request}"`,
    );
  return { app: match[1] as string, replicas: Number(match[2]) };
}

/**
 * Sets how many replicas an app runs, and waits until they are healthy. Compose: `up --scale`
 * with the images that run now (nothing is recreated). Kubernetes: spec.replicas applied under
 * its own field manager, then the rollout awaited.
 */
export async function scale(
  options: ScaleOptions,
  ctx: CommandContext,
): Promise<{ app: string; replicas: number }> {
  const { app, replicas } = parseScale(options.request);
  const { store, options: connected } = await storeFor(options, ctx);
  return underTargetLock(store, ctx, 'scale', async () => {
    if (connected.target === 'k8s') {
      const kube = connected.kube as KubernetesApi;
      const namespace = connected.namespace as string;
      const ref = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace } };
      if (!(await kube.read(ref)))
        throw new UsageError(`no Deployment "${app}" in namespace ${namespace}`);
      ctx.reporter.progress(`${app}: scaling to ${replicas}`);
      const applied = await kube.apply(
        { ...ref, spec: { replicas } },
        { fieldManager: SCALE_MANAGER },
      );
      await waitForRollout(kube, applied, { pollMs: connected.pollMs ?? 1000 }, ctx.reporter);
      return { app, replicas };
    }
    const project = composeProject(connected, ctx);
    const model = readComposeFile(project.file);
    const deps = rolloutDeps(connected, ctx);
    const env = await runningImageEnv(ctx.docker, project.projectName, model);
    for (const service of appServices(model, app)) {
      ctx.reporter.progress(`${service}: scaling to ${replicas}`);
      const result = await deps.compose.run(
        ['up', '-d', '--no-deps', '--no-recreate', '--scale', `${service}=${replicas}`, service],
        env,
      );
      if (result.code !== 0)
        throw new RolloutFailedError(
          `${service}: compose up --scale failed: ${result.stderr.trim().split('\n').at(-1)}`,
        );
      const running = await runningReplicas(deps, service);
      const outcomes = await Promise.all(
        running.map((replica) =>
          waitHealthy(ctx.docker, replica.Id, { timeoutMs: deps.timing.healthTimeoutMs }),
        ),
      );
      const failed = outcomes.find((outcome) => !outcome.healthy);
      if (failed && !failed.healthy) throw new RolloutFailedError(`${service}: ${failed.reason}`);
    }
    return { app, replicas };
  });
}

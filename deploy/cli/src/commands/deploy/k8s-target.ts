import { createHash } from 'node:crypto';
import { planApply } from '@portside/k8s';
import type { CommandContext } from '../../core/context';
import { InterruptedError, PortsideError, RolloutFailedError } from '../../core/errors';
import { gitRevision } from '../../core/git';
import type { Release, ReleaseService } from '../../core/ledger';
import { interruption } from '../../core/interrupt';
import { connect, defaultManifests, type KubernetesDeployOptions } from '../../k8s/connect';
import { localRecorder, type ReleaseRecorder } from '../../releases/recorder';
import { autoscaledWorkloads, leaveReplicasToAutoscaler } from '../../k8s/autoscaled';
import { KubernetesApiError, refOf, type KubeObject, type KubernetesApi } from '../../k8s/kube';
import { loadManifests } from '../../k8s/manifests';
import { intoNamespace, manifestsNamespace } from '../../k8s/namespace';
import { runJob, undoDeployment, waitForRollout, type WaitTiming } from '../../k8s/rollout';

export { connect, defaultManifests, type KubernetesDeployOptions } from '../../k8s/connect';

/**
 * Server-side apply of the manifests, moved into the target namespace, with images pinned by
 * digest; each data store (StatefulSet) and Deployment must roll out as `kubectl rollout status`
 * judges it, each migration Job must complete; a failure undoes the Deployments this deploy
 * touched and is recorded. Data stores are not undone: see undoable below.
 */
export async function deployKubernetes(
  images: Record<string, ReleaseService>,
  options: KubernetesDeployOptions & { recorder?: ReleaseRecorder },
  ctx: CommandContext,
): Promise<Release> {
  const kube = await connect(options);
  const recorder = options.recorder ?? localRecorder(ctx.ledger);
  const timing: WaitTiming = {
    timeoutMs: options.rolloutTimeoutMs,
    pollMs: options.pollMs ?? 1_000,
  };
  const rendered = await loadManifests(
    ctx.root,
    options.manifests ?? defaultManifests(ctx.root),
    images,
  );
  // As kubectl does: the namespace asked for, else the manifests' own, else the context's.
  const namespace = options.namespace ?? manifestsNamespace(rendered) ?? kube.namespace;
  const moved = intoNamespace(rendered, namespace);
  // @portside/k8s's order: foundation (the namespace first), data, migrations, workloads, routing.
  const objects = planApply(moved.objects).flatMap((step) => step.objects) as KubeObject[];
  const autoscaled = autoscaledWorkloads(objects);
  const revision = await gitRevision(ctx.root);
  ctx.reporter.progress(
    `deploying ${objects.length} objects to context ${kube.context}, namespace ${namespace}`,
  );
  for (const line of moved.rewrites) ctx.reporter.progress(`namespace ${namespace}: ${line}`);
  for (const line of moved.leftovers) ctx.reporter.warn(line);

  const touched: { applied: KubeObject; previous: KubeObject | undefined }[] = [];
  const started = await recorder.start({
    target: 'k8s',
    gitSha: revision.sha,
    services: images,
    manifestsHash: createHash('sha256').update(JSON.stringify(objects)).digest('hex'),
    context: kube.context,
    namespace,
    rollbackOf: options.rollbackOf,
  });
  try {
    for (const object of objects) {
      interruption.check();
      if (object.kind === 'Job') await runJob(kube, object, timing, ctx.reporter);
      else if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
        const previous = await kube.read(object);
        const applied = autoscaled.has(refOf(object))
          ? await leaveReplicasToAutoscaler(kube, object, previous, ctx.reporter)
          : object;
        ctx.reporter.progress(`${object.metadata.name}: applying`);
        await kube.apply(applied);
        // Only what was changed is undone: a refused apply changed nothing.
        if (undoable(applied)) touched.push({ applied, previous });
        await waitForRollout(kube, applied, timing, ctx.reporter);
      } else if (object.kind === 'Namespace') await applyNamespace(kube, object, ctx);
      else await kube.apply(object);
    }
  } catch (error) {
    await interruption.uninterrupted(async () => {
      for (const { applied, previous } of touched.reverse()) {
        // One undo that cannot be done must not keep the others from being done.
        await undoDeployment(kube, applied, previous, timing, ctx.reporter).catch(
          (undoError: Error) =>
            ctx.reporter.warn(`undo of ${applied.metadata.name} failed: ${undoError.message}`),
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      await recorder.finish(
        started,
        error instanceof InterruptedError ? 'interrupted' : 'failed',
        message,
      );
    });
    if (error instanceof PortsideError) throw error;
    throw new RolloutFailedError(error instanceof Error ? error.message : String(error));
  }
  return recorder.finish(started, 'succeeded');
}

/**
 * A Namespace is cluster-scoped: an account bound to its own namespace only (a usual CI setup)
 * may not apply it. Then the deploy goes on into the namespace as it is; if it does not exist,
 * the next apply says so.
 */
async function applyNamespace(
  kube: KubernetesApi,
  namespace: KubeObject,
  ctx: CommandContext,
): Promise<void> {
  try {
    await kube.apply(namespace);
  } catch (error) {
    if (!(error instanceof KubernetesApiError && error.code === 403)) throw error;
    ctx.reporter.warn(
      `${error.message}; going on in namespace ${namespace.metadata.name} as it is`,
    );
  }
}

/**
 * Deployments are put back on failure. StatefulSets (the data stores) are not: a pod stuck on a
 * bad revision is not replaced by reverting the template (Kubernetes wants it deleted by hand),
 * and a database may already have written its files in the new version's format.
 */
const undoable = (workload: KubeObject) => workload.kind === 'Deployment';

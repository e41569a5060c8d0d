import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { PortsideError, RolloutFailedError } from '../../core/errors';
import { gitRevision } from '../../core/git';
import type { Release, ReleaseService } from '../../core/ledger';
import type { KubeObject, KubernetesApi } from '../../k8s/kube';
import { intoNamespace, loadManifests, pinImages } from '../../k8s/manifests';
import { rollDeployment, runJob, undoDeployment, type WaitTiming } from '../../k8s/rollout';

export interface KubernetesDeployOptions {
  context?: string;
  namespace?: string;
  /** A kustomize folder; default deploy/k8s/overlays/local, else deploy/k8s/base. */
  manifests?: string;
  rolloutTimeoutMs?: number;
  pollMs?: number;
  rollbackOf?: string;
  /** Tests hand in a fake; the CLI connects with client-node. */
  kube?: KubernetesApi;
}

/** Loaded only when needed: client-node is an ES module, and most commands never touch a cluster. */
export async function connect(options: Pick<KubernetesDeployOptions, 'context' | 'namespace' | 'kube'>): Promise<KubernetesApi> {
  if (options.kube) return options.kube;
  const { connectKubernetes } = await import('../../k8s/client-node-kube');
  return connectKubernetes(options);
}

export function defaultManifests(root: string): string {
  const local = path.join(root, 'deploy/k8s/overlays/local');
  return existsSync(path.join(local, 'kustomization.yaml')) ? local : path.join(root, 'deploy/k8s/base');
}

/**
 * The order objects go in (as deploy/k8s's planApply lays out): what pods need first (config,
 * accounts, Services, policies), data stores, migrations, workloads, their autoscalers, routing.
 */
const PHASES: Record<string, number> = { StatefulSet: 1, Job: 2, Deployment: 3, HorizontalPodAutoscaler: 4, Ingress: 5 };
const phase = (object: KubeObject) => PHASES[object.kind] ?? 0;

/**
 * Server-side apply of the manifests with images pinned by digest; each migration Job must
 * complete, each Deployment must roll out as `kubectl rollout status` judges it; a failure
 * undoes the Deployments this deploy touched and is recorded.
 */
export async function deployKubernetes(images: Record<string, ReleaseService>, options: KubernetesDeployOptions, ctx: CommandContext): Promise<Release> {
  const kube = await connect(options);
  const timing: WaitTiming = { timeoutMs: options.rolloutTimeoutMs ?? 300_000, pollMs: options.pollMs ?? 1_000 };
  const objects = intoNamespace(pinImages(await loadManifests(ctx.root, options.manifests ?? defaultManifests(ctx.root)), images), kube.namespace).sort((a, b) => phase(a) - phase(b));
  const revision = await gitRevision(ctx.root);
  ctx.reporter.progress(`deploying ${objects.length} objects to context ${kube.context}, namespace ${kube.namespace}`);

  const touched: { target: KubeObject; previous: KubeObject | undefined }[] = [];
  const record = (outcome: Release['outcome'], note?: string) =>
    ctx.ledger.recordRelease({ target: 'k8s', gitSha: revision.sha, services: images, outcome, note, context: kube.context, namespace: kube.namespace, rollbackOf: options.rollbackOf });
  try {
    for (const object of objects) {
      if (object.kind === 'Job') await runJob(kube, object, timing, ctx.reporter);
      else if (object.kind === 'Deployment') {
        touched.push({ target: object, previous: await kube.read(object) });
        await rollDeployment(kube, object, timing, ctx.reporter);
      } else await kube.apply(object);
    }
  } catch (error) {
    for (const { target, previous } of touched.reverse()) await undoDeployment(kube, target, previous, timing, ctx.reporter);
    const message = error instanceof Error ? error.message : String(error);
    await record('failed', message);
    if (error instanceof PortsideError) throw error;
    throw new RolloutFailedError(message);
  }
  return record('succeeded');
}

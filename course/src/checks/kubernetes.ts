import { existsSync } from 'node:fs';
import path from 'node:path';
import { render, type KubeObject } from '@portside/k8s';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Service } from 'kubernetes-models/v1/Service';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

/** The overlay lesson 6's exercise writes. */
export const exerciseOverlay = (env: CourseEnv): string => path.join(env.workDir, 'k8s');

// The kinds the lesson explains, against the Kubernetes API schemas.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  NetworkPolicy,
  Service,
};

interface Pod {
  securityContext?: { runAsNonRoot?: boolean };
  containers: { name: string; readinessProbe?: unknown; livenessProbe?: unknown }[];
}

const spec = (object: KubeObject | undefined) => (object?.spec ?? {}) as Record<string, unknown>;
const find = (objects: KubeObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

/** Findings on a rendered overlay: schemas, probes, non-root pods, and the catalog's floor of 3. */
export function kubernetesFindings(objects: KubeObject[]): Finding[] {
  const invalid = objects.flatMap((object) => {
    const Model = MODELS[object.kind];
    if (!Model) return [];
    try {
      new Model(object as never).validate();
      return [];
    } catch (error) {
      return [`${object.kind}/${object.metadata.name}: ${(error as Error).message.split('\n')[0]}`];
    }
  });
  const pods = objects
    .filter((o) => o.kind === 'Deployment')
    .map((o) => ({ name: o.metadata.name, pod: (spec(o).template as { spec: Pod }).spec }));
  const unprobed = pods.filter(({ pod }) =>
    pod.containers.some((c) => !c.readinessProbe || !c.livenessProbe),
  );
  const rootPods = pods.filter(({ pod }) => pod.securityContext?.runAsNonRoot !== true);
  const hpa = spec(find(objects, 'HorizontalPodAutoscaler', 'catalog'));
  const pdb = spec(find(objects, 'PodDisruptionBudget', 'catalog'));
  return [
    finding(
      invalid.length === 0,
      `every object matches its API schema${invalid.map((i) => `; ${i}`).join('')}`,
    ),
    finding(
      unprobed.length === 0,
      `every Deployment's containers have readiness and liveness probes${unprobed.map((p) => `; ${p.name} lacks one`).join('')}`,
    ),
    finding(
      rootPods.length === 0,
      `every Deployment's pods run as non-root${rootPods.map((p) => `; ${p.name} may run as root`).join('')}`,
    ),
    finding(
      hpa.minReplicas === 3,
      `the catalog autoscaler keeps at least 3 replicas (${String(hpa.minReplicas)})`,
    ),
    finding(
      pdb.minAvailable !== undefined || pdb.maxUnavailable !== undefined,
      'the catalog keeps a PodDisruptionBudget',
    ),
  ];
}

/** Lesson 6: course/work/k8s is a kustomize overlay of deploy/k8s that raises the catalog's floor. */
export async function checkKubernetes(env: CourseEnv): Promise<Finding[]> {
  const dir = exerciseOverlay(env);
  if (!existsSync(path.join(dir, 'kustomization.yaml')))
    return [finding(false, 'course/work/k8s/kustomization.yaml exists')];
  try {
    return kubernetesFindings(render(dir));
  } catch (error) {
    return [finding(false, `the overlay renders: ${(error as Error).message}`)];
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { KustomizeError, renderKustomization } from '@portside/k8s';
import { UsageError } from '../core/errors';
import type { ReleaseService } from '../core/ledger';
import type { KubeObject, PodTemplate } from './kube';

/**
 * The objects of a kustomize folder, rendered by @portside/k8s as `kustomize build` would (the
 * overlay's patches included). A folder it cannot render is refused, never deployed half-built.
 */
export async function loadManifests(root: string, dir: string): Promise<KubeObject[]> {
  const absolute = path.resolve(root, dir);
  if (!existsSync(absolute))
    throw new UsageError(`no manifests folder ${dir}`, 'pass --manifests with a kustomize folder');
  try {
    return renderKustomization(absolute) as KubeObject[];
  } catch (error) {
    if (error instanceof KustomizeError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(
        `cannot render ${dir}: ${(error as Error).message}`,
        'pass --manifests with a kustomize folder',
      );
    throw error;
  }
}

const PORTSIDE_IMAGE = /^(?:[^/]+\/)*portside\/([a-z0-9-]+)(?::[^@]*)?(?:@.*)?$/;

/** Every container whose image is portside/<app> gets the app's pushed image, pinned by digest. */
export function pinImages(
  objects: KubeObject[],
  images: Record<string, ReleaseService>,
): KubeObject[] {
  return objects.map((object) => {
    const template = (object.spec?.template ??
      (object.spec?.jobTemplate as { spec?: { template?: PodTemplate } })?.spec?.template) as
      PodTemplate | undefined;
    if (!template?.spec) return object;
    const copy = structuredClone(object);
    const pod = (copy.spec?.template ??
      (copy.spec?.jobTemplate as { spec: { template: PodTemplate } }).spec.template) as PodTemplate;
    for (const container of [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []),
    ]) {
      const app = container.image ? PORTSIDE_IMAGE.exec(container.image)?.[1] : undefined;
      if (app && images[app]) container.image = images[app].image;
    }
    return copy;
  });
}

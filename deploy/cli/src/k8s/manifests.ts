import { existsSync } from 'node:fs';
import path from 'node:path';
import { KustomizeError, parseImage, renderKustomization, type ImageOverride } from '@portside/k8s';
import { UsageError } from '../core/errors';
import type { ReleaseService } from '../core/ledger';
import type { KubeObject } from './kube';

/**
 * The objects of a kustomize folder, rendered by @portside/k8s as `kustomize build` would (the
 * overlay's patches included), each `portside/<app>` image set to the app's pushed image pinned
 * by digest, as `kustomize edit set image` would. A folder it cannot render is refused, never
 * deployed half-built.
 */
export async function loadManifests(
  root: string,
  dir: string,
  images: Record<string, ReleaseService> = {},
): Promise<KubeObject[]> {
  const absolute = path.resolve(root, dir);
  if (!existsSync(absolute))
    throw new UsageError(`no manifests folder ${dir}`, 'pass --manifests with a kustomize folder');
  try {
    return renderKustomization(absolute, { images: pinned(images) }) as KubeObject[];
  } catch (error) {
    if (error instanceof KustomizeError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(
        `cannot render ${dir}: ${(error as Error).message}`,
        'pass --manifests with a kustomize folder',
      );
    throw error;
  }
}

function pinned(images: Record<string, ReleaseService>): ImageOverride[] {
  return Object.entries(images).map(([app, service]) => {
    const { name, digest } = parseImage(service.image);
    return { name: `portside/${app}`, newName: name, digest: digest ?? service.digest };
  });
}

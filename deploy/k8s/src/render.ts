import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deepClone, parseObjects, toYaml } from './documents';
import { generateObjects } from './generators';
import { Kustomization, readKustomization } from './kustomization-file';
import { sortObjects } from './order';
import { transformImages } from './transformers/images';
import { transformLabels } from './transformers/labels';
import { transformNamespace } from './transformers/namespace';
import { transformPatches } from './transformers/patches';
import { ImageOverride, KubeObject, KustomizeError } from './types';

export interface RenderOptions {
  /**
   * Image overrides applied by the top kustomization, after its own `images:`
   * (as `kustomize edit set image` would): how the deploy tool pins digests.
   */
  images?: readonly ImageOverride[];
}

/**
 * Renders a kustomization directory like `kustomize build` (and so
 * `kubectl apply -k`) for the subset of kustomize these manifests use:
 * resources, components, configMapGenerator/secretGenerator (no hash
 * suffix), patches (strategic merge and JSON 6902), namespace, labels and
 * images. Anything else is refused with a KustomizeError.
 */
export function renderKustomization(dir: string, options: RenderOptions = {}): KubeObject[] {
  const root = resolve(dir);
  const kustomization = readKustomization(root);
  if (kustomization.kind !== 'Kustomization')
    throw new KustomizeError(`${root}: a Component cannot be built on its own`);
  if (options.images?.length)
    kustomization.images = mergeImages(kustomization.images, options.images);
  const objects = accumulate(root, kustomization, []);
  assertUnique(objects);
  return sortObjects(objects);
}

/** The rendered objects as a YAML stream, for `kubectl apply -f -` or a diff. */
export function renderKustomizationYaml(dir: string, options: RenderOptions = {}): string {
  return toYaml(renderKustomization(dir, options));
}

/** kustomize's order: resources, then components, then generators, then transformers, all on what has accumulated. */
function accumulate(
  dir: string,
  kustomization: Kustomization,
  inherited: KubeObject[],
): KubeObject[] {
  let objects = [...inherited];
  for (const resource of kustomization.resources)
    objects.push(...loadResource(join(dir, resource)));
  for (const component of kustomization.components) {
    const componentDir = join(dir, component);
    const componentKustomization = readKustomization(componentDir);
    if (componentKustomization.kind !== 'Component')
      throw new KustomizeError(`${componentDir}: not a Component`);
    objects = accumulate(componentDir, componentKustomization, objects);
  }
  objects.push(
    ...generateObjects(
      kustomization.configMapGenerator,
      kustomization.secretGenerator,
      kustomization.generatorOptions,
      dir,
    ),
  );
  objects = transformPatches(objects, kustomization.patches, dir);
  objects = transformNamespace(objects, kustomization.namespace);
  objects = transformLabels(objects, kustomization.labels);
  return transformImages(objects, kustomization.images);
}

function loadResource(path: string): KubeObject[] {
  if (/^[a-z]+:\/\//i.test(path) || path.includes('github.com/')) {
    throw new KustomizeError(`${path}: remote resources are not supported`);
  }
  if (statSync(path).isDirectory()) {
    const kustomization = readKustomization(path);
    if (kustomization.kind !== 'Kustomization')
      throw new KustomizeError(`${path}: a Component listed as a resource`);
    return accumulate(path, kustomization, []);
  }
  return parseObjects(readFileSync(path, 'utf8'), path).map(deepClone);
}

function mergeImages(
  own: readonly ImageOverride[],
  extra: readonly ImageOverride[],
): ImageOverride[] {
  const names = new Set(extra.map((image) => image.name));
  return [...own.filter((image) => !names.has(image.name)), ...extra];
}

function assertUnique(objects: readonly KubeObject[]): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.apiVersion.split('/').length > 1 ? o.apiVersion.split('/')[0] : ''}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(id)) throw new KustomizeError(`two objects with the same id: ${id}`);
    seen.add(id);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { UsageError } from '../core/errors';
import type { ReleaseService } from '../core/ledger';
import type { KubeObject, PodTemplate } from './kube';

/**
 * The objects of deploy/k8s. When the package's renderer exists (deploy/k8s/src/index.ts
 * exporting `render(dir)`), it renders the overlay; otherwise the plain resource files a
 * kustomization lists are read as they are.
 */
export async function loadManifests(root: string, dir: string): Promise<KubeObject[]> {
  const absolute = path.resolve(root, dir);
  const rendered = await renderWithPackage(root, absolute);
  if (rendered) return rendered;
  return readKustomizationResources(absolute);
}

async function renderWithPackage(root: string, dir: string): Promise<KubeObject[] | undefined> {
  // The repository's renderer, else the one beside this tool in its own monorepo.
  const entry = [
    path.join(root, 'deploy', 'k8s', 'src', 'index.ts'),
    path.resolve(__dirname, '../../../k8s/src/index.ts'),
  ].find(existsSync);
  if (!entry) return undefined;
  // Loaded from the repository at run time, as the manifests themselves are.
  const renderer = (await import(entry)) as { render?: (dir: string) => unknown };
  if (typeof renderer.render !== 'function') return undefined;
  const output = await renderer.render(dir);
  return typeof output === 'string' ? documents(output) : (output as KubeObject[]);
}

function readKustomizationResources(dir: string): KubeObject[] {
  const file = ['kustomization.yaml', 'kustomization.yml']
    .map((name) => path.join(dir, name))
    .find(existsSync);
  if (!file)
    throw new UsageError(
      `no kustomization.yaml in ${dir}`,
      'pass --manifests with a kustomize folder',
    );
  const kustomization = parse(readFileSync(file, 'utf8')) as { resources?: string[] };
  return (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.join(dir, resource);
    if (!existsSync(target))
      throw new UsageError(`${path.relative(dir, file)} lists ${resource}, which does not exist`);
    return existsSync(path.join(target, 'kustomization.yaml'))
      ? readKustomizationResources(target)
      : documents(readFileSync(target, 'utf8'));
  });
}

function documents(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => Boolean(object?.kind));
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

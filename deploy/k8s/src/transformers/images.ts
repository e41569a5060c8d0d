import { ImageOverride, isRecord, KubeObject } from '../types';

/** An image reference split the way kustomize matches it: by name, ignoring tag and digest. */
export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const [withoutDigest, digest] = image.split('@', 2) as [string, string | undefined];
  const lastColon = withoutDigest.lastIndexOf(':');
  const hasTag = lastColon > withoutDigest.lastIndexOf('/');
  return {
    name: hasTag ? withoutDigest.slice(0, lastColon) : withoutDigest,
    tag: hasTag ? withoutDigest.slice(lastColon + 1) : undefined,
    digest,
  };
}

export function formatImage({ name, tag, digest }: ImageReference): string {
  if (digest) return `${name}@${digest}`;
  return tag ? `${name}:${tag}` : name;
}

/**
 * kustomize's `images:`: every container and init container whose image name
 * matches gets the new name, tag or digest. A digest wins over a tag.
 */
export function transformImages(
  objects: KubeObject[],
  overrides: readonly ImageOverride[],
): KubeObject[] {
  if (overrides.length === 0) return objects;
  for (const object of objects)
    visitContainers(object, (container) => {
      if (typeof container.image !== 'string') return;
      const current = parseImage(container.image);
      const override = overrides.find((o) => o.name === current.name);
      if (!override) return;
      const next: ImageReference = {
        name: override.newName ?? current.name,
        tag: current.tag,
        digest: current.digest,
      };
      if (override.newTag !== undefined)
        Object.assign(next, { tag: String(override.newTag), digest: undefined });
      if (override.digest !== undefined)
        Object.assign(next, { tag: undefined, digest: override.digest });
      container.image = formatImage(next);
    });
  return objects;
}

/** Calls back for every entry of any `containers` or `initContainers` list, at any depth. */
export function visitContainers(
  node: unknown,
  visit: (container: Record<string, unknown>) => void,
): void {
  if (Array.isArray(node)) {
    node.forEach((item) => visitContainers(item, visit));
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      value.filter(isRecord).forEach(visit);
    } else {
      visitContainers(value, visit);
    }
  }
}

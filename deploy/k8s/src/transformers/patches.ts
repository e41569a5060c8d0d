import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocuments } from '../documents';
import { applyJsonPatch, JsonPatchOperation } from '../json-patch';
import { PatchEntry, PatchTarget } from '../kustomization-file';
import { strategicMerge } from '../strategic-merge';
import { isRecord, KubeObject, KustomizeError } from '../types';

/**
 * kustomize's `patches:`. A file holding a list is a JSON 6902 patch and
 * needs a target; otherwise each document is a strategic merge patch,
 * applied to the target's matches or, without a target, to the object of
 * the same kind and name (which must exist).
 */
export function transformPatches(
  objects: KubeObject[],
  entries: readonly PatchEntry[],
  dir: string,
): KubeObject[] {
  let result = objects;
  for (const entry of entries) {
    const source = entry.path ? join(dir, entry.path) : `${dir} (inline patch)`;
    const text = entry.path ? readFileSync(join(dir, entry.path), 'utf8') : entry.patch!;
    const documents = parseDocuments(text, source);
    if (documents.length === 1 && Array.isArray(documents[0])) {
      if (!entry.target) throw new KustomizeError(`${source}: a JSON 6902 patch needs a target`);
      const operations = documents[0] as JsonPatchOperation[];
      result = mapMatches(result, entry.target, source, (object) =>
        applyJsonPatch(object, operations),
      );
      continue;
    }
    for (const patch of documents) {
      if (!isRecord(patch))
        throw new KustomizeError(`${source}: a strategic merge patch must be a mapping`);
      const target = entry.target ?? targetOf(patch, source);
      result = mapMatches(result, target, source, (object) => {
        const { metadata, ...rest } = patch;
        const merged = strategicMerge(object, {
          ...rest,
          metadata: { ...(metadata as object), name: object.metadata.name },
        });
        return merged as KubeObject;
      });
    }
  }
  return result;
}

function targetOf(patch: Record<string, unknown>, source: string): PatchTarget {
  const metadata = patch.metadata;
  if (typeof patch.kind !== 'string' || !isRecord(metadata) || typeof metadata.name !== 'string') {
    throw new KustomizeError(
      `${source}: a strategic merge patch without a target needs kind and metadata.name`,
    );
  }
  return { kind: patch.kind, name: `^${escapeRegExp(metadata.name)}$` };
}

function mapMatches(
  objects: KubeObject[],
  target: PatchTarget,
  source: string,
  patch: (object: KubeObject) => KubeObject,
): KubeObject[] {
  let matched = 0;
  const result = objects.map((object) => {
    if (!matches(object, target)) return object;
    matched++;
    return patch(object);
  });
  if (matched === 0)
    throw new KustomizeError(`${source}: no object matches ${JSON.stringify(target)}`);
  return result;
}

export function matches(object: KubeObject, target: PatchTarget): boolean {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  if (target.kind !== undefined && target.kind !== object.kind) return false;
  if (target.group !== undefined && target.group !== group) return false;
  if (target.version !== undefined && target.version !== version) return false;
  if (target.namespace !== undefined && target.namespace !== object.metadata.namespace)
    return false;
  if (target.name !== undefined && !anchored(target.name).test(object.metadata.name)) return false;
  if (target.labelSelector !== undefined) {
    const labels = object.metadata.labels ?? {};
    for (const term of target.labelSelector
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)) {
      const [key, value] = term.split('=') as [string, string | undefined];
      if (value === undefined ? !(key in labels) : labels[key] !== value) return false;
    }
  }
  return true;
}

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { isRecord, KustomizeError } from './types';

/**
 * The list fields Kubernetes merges by key in a strategic merge patch (the
 * `patchMergeKey`s of the core API types); every other list is replaced.
 */
const MERGE_KEYS: Record<string, (item: Record<string, unknown>) => string | undefined> = {
  containers: () => 'name',
  initContainers: () => 'name',
  ephemeralContainers: () => 'name',
  env: () => 'name',
  volumes: () => 'name',
  volumeMounts: () => 'mountPath',
  imagePullSecrets: () => 'name',
  hostAliases: () => 'ip',
  // Container ports merge by containerPort, Service ports by port.
  ports: (item) => ('containerPort' in item ? 'containerPort' : 'port'),
};

/**
 * Applies a strategic merge patch: maps merge recursively, `null` deletes a
 * field, keyed lists merge item by item (`$patch: delete` removes an item),
 * other lists are replaced.
 */
export function strategicMerge(target: unknown, patch: unknown, field = ''): unknown {
  if (isRecord(patch)) {
    if (patch.$patch === 'replace' || !isRecord(target))
      return withoutNulls(withoutDirective(patch));
    const result: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch') continue;
      if (value === null) delete result[key];
      else result[key] = strategicMerge(target[key], value, key);
    }
    return result;
  }
  if (Array.isArray(patch) && Array.isArray(target)) return mergeList(target, patch, field);
  return patch;
}

/**
 * Keyed lists come out as kustomize orders them: the patch's items first, in
 * the patch's order (merged with the target's item of the same key), then the
 * target's items the patch does not mention.
 */
function mergeList(target: unknown[], patch: unknown[], field: string): unknown[] {
  const keyOf = MERGE_KEYS[field];
  const keyed = keyOf && [...target, ...patch].every(isRecord);
  if (!keyed)
    return patch.map((item) => (isRecord(item) ? withoutNulls(withoutDirective(item)) : item));
  const remaining = [...target] as Record<string, unknown>[];
  const merged: Record<string, unknown>[] = [];
  for (const item of patch as Record<string, unknown>[]) {
    if (field === 'ports' && 'protocol' in item) {
      // kustomize keys ports by port and protocol together and drops the patch's protocol.
      throw new KustomizeError(
        'a strategic merge patch of ports may not set protocol: use a JSON 6902 patch',
      );
    }
    const key = keyOf(item);
    const index =
      key === undefined ? -1 : remaining.findIndex((existing) => existing[key] === item[key]);
    const existing = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    if (item.$patch === 'delete') continue;
    merged.push(
      existing
        ? (strategicMerge(existing, item, field) as Record<string, unknown>)
        : withoutNulls(withoutDirective(item)),
    );
  }
  return [...merged, ...remaining];
}

function withoutDirective(value: Record<string, unknown>): Record<string, unknown> {
  const { $patch: _directive, ...rest } = value;
  return rest;
}

/** A field set to null in a patch means "absent", also where the target had nothing to delete. */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    result[key] = isRecord(item) ? withoutNulls(item) : item;
  }
  return result;
}

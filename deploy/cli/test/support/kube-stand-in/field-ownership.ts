/**
 * Server-side apply's bookkeeping, at the grain the stand-in needs: which field manager owns which
 * leaf field (lists count as one field, as atomic lists do). An apply sets what it sends and owns
 * it, sharing a field with another manager whose value it leaves unchanged, and taking it (force)
 * where it changes the value; a field its manager stops sending is deleted unless someone else
 * still owns it. An update (what controllers such as the HPA do) owns the fields it changes, alone.
 */

export type Body = Record<string, unknown>;
type Path = string[];

interface Ownership {
  operation: 'Apply' | 'Update';
  fields: Set<string>;
}

/** metadata fields the server keeps for itself; never owned. */
const SERVER_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'generation',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
]);

const isMap = (value: unknown): value is Body =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Every leaf field an object sets, by path (JSON-encoded). */
function leaves(object: Body): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (node: unknown, path: Path) => {
    if (isMap(node) && Object.keys(node).length > 0) {
      for (const [key, value] of Object.entries(node)) {
        if (path.length === 1 && path[0] === 'metadata' && SERVER_METADATA.has(key)) continue;
        visit(value, [...path, key]);
      }
    } else if (path.length > 0) found.set(JSON.stringify(path), node);
  };
  for (const [key, value] of Object.entries(object))
    if (!['apiVersion', 'kind', 'status'].includes(key)) visit(value, [key]);
  return found;
}

const valueAt = (object: Body, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), object);

function setAt(object: Body, path: Path, value: unknown) {
  let node = object;
  for (const key of path.slice(0, -1)) {
    if (!isMap(node[key])) node[key] = {};
    node = node[key] as Body;
  }
  node[path.at(-1) as string] = structuredClone(value);
}

/** Deletes a field and the maps it leaves empty. */
function deleteAt(object: Body, path: Path) {
  const parents: Body[] = [object];
  for (const key of path.slice(0, -1)) {
    const next = parents.at(-1)?.[key];
    if (!isMap(next)) return;
    parents.push(next);
  }
  delete parents.at(-1)?.[path.at(-1) as string];
  for (let depth = parents.length - 1; depth > 0; depth--) {
    if (Object.keys(parents[depth] as Body).length > 0) break;
    delete parents[depth - 1]?.[path[depth - 1] as string];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class FieldOwnership {
  private readonly owners = new Map<string, Map<string, Ownership>>();

  /** Server-side apply of `body` by `manager` (force) onto `live`; returns the new object. */
  apply(key: string, live: Body | undefined, body: Body, manager: string): Body {
    const owners = this.ownersOf(key);
    const sent = leaves(body);
    const next: Body = live ? structuredClone(live) : {};
    for (const field of owners.get(manager)?.fields ?? []) {
      const ownedElsewhere = [...owners].some(
        ([other, ownership]) => other !== manager && ownership.fields.has(field),
      );
      if (!sent.has(field) && !ownedElsewhere) deleteAt(next, JSON.parse(field) as Path);
    }
    for (const [field, value] of sent) {
      const path = JSON.parse(field) as Path;
      if (!same(valueAt(next, path), value))
        for (const [other, ownership] of owners)
          if (other !== manager) ownership.fields.delete(field);
      setAt(next, path, value);
    }
    owners.set(manager, { operation: 'Apply', fields: new Set(sent.keys()) });
    return next;
  }

  /** An update of one field by `manager`, as a controller writes it. */
  update(key: string, live: Body, path: Path, value: unknown, manager: string): Body {
    const owners = this.ownersOf(key);
    const field = JSON.stringify(path);
    const next = structuredClone(live);
    if (!same(valueAt(next, path), value))
      for (const ownership of owners.values()) ownership.fields.delete(field);
    setAt(next, path, value);
    const ownership = owners.get(manager) ?? {
      operation: 'Update' as const,
      fields: new Set<string>(),
    };
    ownership.fields.add(field);
    owners.set(manager, ownership);
    return next;
  }

  forget(key: string) {
    this.owners.delete(key);
  }

  /** metadata.managedFields as the API server writes them (FieldsV1). */
  managedFields(key: string, apiVersion: string) {
    return [...this.ownersOf(key)]
      .filter(([, ownership]) => ownership.fields.size > 0)
      .map(([manager, ownership]) => {
        const fieldsV1: Body = {};
        for (const field of ownership.fields)
          setAt(
            fieldsV1,
            (JSON.parse(field) as Path).map((part) => `f:${part}`),
            {},
          );
        return {
          manager,
          operation: ownership.operation,
          apiVersion,
          fieldsType: 'FieldsV1',
          fieldsV1,
        };
      });
  }

  private ownersOf(key: string) {
    let owners = this.owners.get(key);
    if (!owners) this.owners.set(key, (owners = new Map()));
    return owners;
  }
}

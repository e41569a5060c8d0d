import { isRecord, KustomizeError } from './types';

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
}

/** Applies RFC 6902 operations (add, remove, replace, test) to a copy of the document. */
export function applyJsonPatch<T>(document: T, operations: readonly JsonPatchOperation[]): T {
  let result: unknown = structuredClone(document);
  for (const operation of operations) result = applyOne(result, operation);
  return result as T;
}

function applyOne(root: unknown, { op, path, value }: JsonPatchOperation): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) {
    if (op === 'add' || op === 'replace') return structuredClone(value);
    throw new KustomizeError(`json patch: cannot ${op} the whole document`);
  }
  const parent = resolve(root, tokens.slice(0, -1), path);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    const exists = Number.isInteger(index) && index >= 0 && index < parent.length;
    if (op === 'add' && Number.isInteger(index) && index >= 0 && index <= parent.length) {
      parent.splice(index, 0, structuredClone(value));
    } else if (op === 'remove' && exists) {
      parent.splice(index, 1);
    } else if (op === 'replace' && exists) {
      parent[index] = structuredClone(value);
    } else if (op === 'test' && exists) {
      assertEqual(parent[index], value, path);
    } else {
      throw new KustomizeError(`json patch: ${op} ${path}: no such index`);
    }
    return root;
  }
  if (!isRecord(parent))
    throw new KustomizeError(`json patch: ${op} ${path}: parent is not an object`);
  const exists = Object.prototype.hasOwnProperty.call(parent, last);
  if (op === 'add') parent[last] = structuredClone(value);
  else if (!exists) throw new KustomizeError(`json patch: ${op} ${path}: no such field`);
  else if (op === 'remove') delete parent[last];
  else if (op === 'replace') parent[last] = structuredClone(value);
  else if (op === 'test') assertEqual(parent[last], value, path);
  else throw new KustomizeError(`json patch: unsupported op "${op as string}"`);
  return root;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw new KustomizeError(`json patch: "${path}" is not a JSON pointer`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(root: unknown, tokens: string[], path: string): unknown {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else node = undefined;
    if (node === undefined)
      throw new KustomizeError(`json patch: ${path}: "${token}" does not exist`);
  }
  return node;
}

function assertEqual(actual: unknown, expected: unknown, path: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new KustomizeError(`json patch: test ${path} failed`);
  }
}

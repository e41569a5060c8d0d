import { parseAllDocuments, stringify } from 'yaml';
import { isRecord, KubeObject, KustomizeError } from './types';

/** Parses a multi-document YAML file into Kubernetes objects, skipping empty documents. */
export function parseObjects(text: string, source: string): KubeObject[] {
  return parseDocuments(text, source).map((doc, index) => {
    if (!isRecord(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
      throw new KustomizeError(`${source}: document ${index + 1} has no apiVersion and kind`);
    }
    const metadata = doc.metadata;
    if (!isRecord(metadata) || typeof metadata.name !== 'string') {
      throw new KustomizeError(`${source}: ${doc.kind} without metadata.name`);
    }
    return doc as KubeObject;
  });
}

/** Every non-empty document of a YAML stream, as plain data. */
export function parseDocuments(text: string, source: string): unknown[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new KustomizeError(`${source}: ${doc.errors[0]!.message}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

/** The objects as one YAML stream, the way `kustomize build` prints them. */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

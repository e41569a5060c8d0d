import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocuments } from './documents';
import { ImageOverride, isRecord, KustomizeError } from './types';

/** Which objects a patch applies to; `name` is a regular expression, as in kustomize. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

export interface LabelEntry {
  pairs: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

export interface GeneratorOptions {
  disableNameSuffixHash?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface GeneratorEntry {
  name: string;
  envs?: string[];
  files?: string[];
  literals?: string[];
  type?: string;
  options?: GeneratorOptions;
}

/** A kustomization.yaml (or a Component) restricted to the fields this renderer implements. */
export interface Kustomization {
  kind: 'Kustomization' | 'Component';
  namespace?: string;
  resources: string[];
  components: string[];
  patches: PatchEntry[];
  labels: LabelEntry[];
  images: ImageOverride[];
  configMapGenerator: GeneratorEntry[];
  secretGenerator: GeneratorEntry[];
  generatorOptions: GeneratorOptions;
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'components',
  'patches',
  'labels',
  'images',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

const FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function findKustomizationFile(dir: string): string | undefined {
  return FILE_NAMES.map((name) => join(dir, name)).find((path) => existsSync(path));
}

/**
 * Reads a kustomization and refuses every field outside the supported subset,
 * so a manifest that kustomize would render differently never passes silently.
 */
export function readKustomization(dir: string): Kustomization {
  const file = findKustomizationFile(dir);
  if (!file) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const [doc] = parseDocuments(readFileSync(file, 'utf8'), file);
  if (!isRecord(doc)) throw new KustomizeError(`${file}: not a mapping`);
  for (const field of Object.keys(doc)) {
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new KustomizeError(
        `${file}: field "${field}" is outside the supported kustomize subset`,
      );
    }
  }
  const kind = doc.kind ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    throw new KustomizeError(`${file}: kind must be Kustomization or Component`);
  }
  for (const label of list<LabelEntry>(doc.labels)) {
    if (label.includeSelectors) {
      throw new KustomizeError(
        `${file}: labels with includeSelectors are not supported (selectors are immutable)`,
      );
    }
  }
  for (const patch of list<PatchEntry>(doc.patches)) {
    if (!patch.path === !patch.patch)
      throw new KustomizeError(`${file}: a patch needs exactly one of path or patch`);
  }
  return {
    kind,
    namespace: typeof doc.namespace === 'string' ? doc.namespace : undefined,
    resources: list<string>(doc.resources),
    components: list<string>(doc.components),
    patches: list<PatchEntry>(doc.patches),
    labels: list<LabelEntry>(doc.labels),
    images: list<ImageOverride>(doc.images),
    configMapGenerator: list<GeneratorEntry>(doc.configMapGenerator),
    secretGenerator: list<GeneratorEntry>(doc.secretGenerator),
    generatorOptions: isRecord(doc.generatorOptions)
      ? (doc.generatorOptions as GeneratorOptions)
      : {},
  };
}

function list<T>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new KustomizeError(`expected a list, got ${JSON.stringify(value)}`);
  return value as T[];
}

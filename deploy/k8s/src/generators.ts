import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GeneratorEntry, GeneratorOptions } from './kustomization-file';
import { KubeObject, KustomizeError } from './types';

/**
 * kustomize's configMapGenerator and secretGenerator from env files, files
 * and literals. Names stay as written: the content-hash suffix kustomize
 * would add is left out on purpose, so disableNameSuffixHash must be set.
 */
export function generateObjects(
  configMaps: readonly GeneratorEntry[],
  secrets: readonly GeneratorEntry[],
  globalOptions: GeneratorOptions,
  dir: string,
): KubeObject[] {
  const make = (entry: GeneratorEntry, kind: 'ConfigMap' | 'Secret'): KubeObject => {
    const options = { ...globalOptions, ...entry.options };
    if (!options.disableNameSuffixHash) {
      throw new KustomizeError(
        `${dir}: ${kind} ${entry.name}: set generatorOptions.disableNameSuffixHash (hash suffixes are not rendered)`,
      );
    }
    const values = collectValues(entry, dir);
    const metadata = {
      name: entry.name,
      ...(options.labels ? { labels: { ...options.labels } } : {}),
      ...(options.annotations ? { annotations: { ...options.annotations } } : {}),
    };
    if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata, data: values };
    const data = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    );
    return { apiVersion: 'v1', kind, metadata, type: entry.type ?? 'Opaque', data };
  };
  return [...configMaps.map((e) => make(e, 'ConfigMap')), ...secrets.map((e) => make(e, 'Secret'))];
}

function collectValues(entry: GeneratorEntry, dir: string): Record<string, string> {
  const values: Record<string, string> = {};
  const put = (key: string, value: string, source: string) => {
    if (key in values)
      throw new KustomizeError(`${source}: key ${key} given twice for ${entry.name}`);
    values[key] = value;
  };
  for (const file of entry.envs ?? []) {
    const path = join(dir, file);
    for (const [key, value] of parseEnvFile(readFileSync(path, 'utf8'), path))
      put(key, value, path);
  }
  for (const spec of entry.files ?? []) {
    const [key, file] = spec.includes('=')
      ? (spec.split('=', 2) as [string, string])
      : [basename(spec), spec];
    put(key, readFileSync(join(dir, file), 'utf8'), join(dir, file));
  }
  for (const literal of entry.literals ?? []) {
    const [key, value] = splitAssignment(literal, dir);
    put(key, value, dir);
  }
  return values;
}

/** KEY=VALUE lines; blank lines and lines starting with # are skipped; the value is taken verbatim. */
export function parseEnvFile(text: string, source: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => splitAssignment(line, source));
}

function splitAssignment(line: string, source: string): [string, string] {
  const index = line.indexOf('=');
  if (index <= 0) throw new KustomizeError(`${source}: "${line}" is not KEY=VALUE`);
  return [line.slice(0, index), line.slice(index + 1)];
}

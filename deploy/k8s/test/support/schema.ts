import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
// The generated client's models list every field of every API type: what
// kubernetes-models' JSON schemas leave open (they accept unknown fields).
import * as apiModels from '@kubernetes/client-node/dist/gen/models/all.js';
import type { KubeObject } from '../../src';

interface Validatable {
  validate(): void;
}
// Each model's constructor types its own data; here every one is fed rendered YAML.
type ModelClass = new (data: never) => Validatable;

const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Throws unless the object matches the Kubernetes schema of its apiVersion and kind. */
export function validateSchema(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema registered for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

type AttributeMap = { baseName: string; type: string }[];
const models = apiModels as unknown as Record<
  string,
  { getAttributeTypeMap?: () => AttributeMap } | undefined
>;
const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'IntOrString', 'object']);

/** Paths of fields the Kubernetes API does not define (what `kubectl --validate=strict` refuses). */
export function unknownFields(object: KubeObject): string[] {
  const version = object.apiVersion.split('/').pop()!;
  const typeName = `${version[0]!.toUpperCase()}${version.slice(1)}${object.kind}`;
  if (!models[typeName]?.getAttributeTypeMap) throw new Error(`no API model ${typeName}`);
  return walk(object, typeName, '');
}

function walk(value: unknown, type: string, path: string): string[] {
  if (LEAF_TYPES.has(type) || value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array)
    return Array.isArray(value)
      ? value.flatMap((item, i) => walk(item, array[1]!, `${path}[${i}]`))
      : [];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => walk(item, map[1]!, `${path}.${key}`))
      : [];
  }
  const attributes = models[type]?.getAttributeTypeMap?.();
  if (!attributes || typeof value !== 'object' || Array.isArray(value)) return [];
  const fields = new Map(attributes.map((a) => [a.baseName, a.type]));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const fieldType = fields.get(key);
    return fieldType === undefined ? [`${path}.${key}`] : walk(item, fieldType, `${path}.${key}`);
  });
}

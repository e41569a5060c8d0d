/** A Kubernetes object as plain data: what kustomize prints and the API server accepts. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** One entry of kustomize's `images:` list. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  /** sha256:..., replaces any tag. */
  digest?: string;
}

/** Thrown for anything the renderer cannot do exactly as kustomize would. */
export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

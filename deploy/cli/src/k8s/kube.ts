import { EnvironmentError } from '../core/errors';

/** The Kubernetes objects portside handles, loosely typed: it passes most fields through. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: ManagedFieldsEntry[];
    [key: string]: unknown;
  };
  spec?: Record<string, unknown> & { replicas?: number; template?: PodTemplate };
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PodTemplate {
  metadata?: Record<string, unknown>;
  spec?: {
    containers?: { name: string; image?: string }[];
    initContainers?: { name: string; image?: string }[];
    [key: string]: unknown;
  };
}

/** Who owns which fields of an object, as server-side apply records it. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: Record<string, unknown>;
}

export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind'> & {
  metadata: { name: string; namespace?: string };
};

/** The field manager portside applies as. */
export const FIELD_MANAGER = 'portside';

export interface ApplyOptions {
  /** Default FIELD_MANAGER. */
  fieldManager?: string;
}

/**
 * What the commands need from a cluster: small enough to fake, implemented with
 * @kubernetes/client-node in client-node-kube.ts.
 */
export interface KubernetesApi {
  readonly context: string;
  readonly namespace: string;
  /** Server-side apply, forcing ownership of conflicting fields. */
  apply(object: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  read(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Deletes; with `uid`, only that very object (a precondition), else a 409. */
  delete(ref: ObjectRef, options?: { uid?: string }): Promise<void>;
  /** Creates; an object of that name already there is a KubernetesApiError with code 409. */
  create(object: KubeObject): Promise<KubeObject>;
  /** In the connection's namespace unless another is named. */
  list(apiVersion: string, kind: string, namespace?: string): Promise<KubeObject[]>;
}

// The renderer's list: one answer to which kinds a namespace does not apply to.
export { CLUSTER_SCOPED } from '@portside/k8s';

export const refOf = (object: ObjectRef) => `${object.kind}/${object.metadata.name}`;

/** An answer of the API server other than success, carrying its Status message and code. */
export class KubernetesApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'KubernetesApiError';
  }
}

/** Worth another try while waiting on a rollout: the API server unreachable, throttling or failing. */
export const isTransient = (error: unknown): boolean =>
  error instanceof EnvironmentError ||
  (error instanceof KubernetesApiError && (error.code === 429 || error.code >= 500));

import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { EnvironmentError } from '../core/errors';
import {
  FIELD_MANAGER,
  KubernetesApiError,
  type KubeObject,
  type KubernetesApi,
  type ObjectRef,
} from './kube';

export interface ConnectOptions {
  context?: string;
  namespace?: string;
}

/** Loads the kubeconfig (KUBECONFIG or ~/.kube/config) and picks the context: none is an environment problem. */
export function connectKubernetes(options: ConnectOptions): KubernetesApi {
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (error) {
    throw new EnvironmentError(
      `cannot read the kubeconfig: ${(error as Error).message}`,
      'set KUBECONFIG',
    );
  }
  const contexts = config.getContexts().map((context) => context.name);
  // Without a kubeconfig, client-node invents a "loaded-context" pointing at localhost:8080.
  const invented =
    contexts.length === 1 && contexts[0] === 'loaded-context' && !process.env.KUBECONFIG;
  if (contexts.length === 0 || invented) {
    throw new EnvironmentError(
      'no Kubernetes context is configured',
      'point KUBECONFIG at a kubeconfig or pass --context',
    );
  }
  if (options.context) {
    if (!contexts.includes(options.context)) {
      throw new EnvironmentError(
        `Kubernetes context "${options.context}" does not exist; contexts are: ${contexts.join(', ')}`,
        'pass one of them with --context',
      );
    }
    config.setCurrentContext(options.context);
  }
  const context = config.getCurrentContext();
  if (!context)
    throw new EnvironmentError('the kubeconfig has no current context', 'pass --context');
  const namespace = options.namespace ?? config.getContextObject(context)?.namespace ?? 'portside';
  const client = KubernetesObjectApi.makeApiClient(config);
  const server = config.getCurrentCluster()?.server ?? 'the API server';

  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: number | string }).code;
      if (typeof code === 'number')
        throw new KubernetesApiError(
          `cannot ${what}: ${statusMessage(error)} (HTTP ${code})`,
          code,
        );
      throw new EnvironmentError(
        `the Kubernetes API at ${server} is not reachable (${(error as Error).message})`,
        `check the context "${context}"`,
      );
    }
  };
  const notFoundIsUndefined = async <T>(
    what: string,
    work: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await call(what, work);
    } catch (error) {
      if (error instanceof KubernetesApiError && error.code === 404) return undefined;
      throw error;
    }
  };
  const named = (ref: ObjectRef) =>
    `${ref.kind} ${ref.metadata.namespace ? `${ref.metadata.namespace}/` : ''}${ref.metadata.name}`;

  return {
    context,
    namespace,
    apply: (object, applyOptions = {}) =>
      call(
        `apply ${named(object)}`,
        () =>
          client.patch(
            object as KubernetesObject,
            undefined,
            undefined,
            applyOptions.fieldManager ?? FIELD_MANAGER,
            true,
            PatchStrategy.ServerSideApply,
          ) as Promise<KubeObject>,
      ),
    read: (ref) =>
      notFoundIsUndefined(
        `read ${named(ref)}`,
        () =>
          client.read({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.metadata.name, namespace: ref.metadata.namespace },
          }) as Promise<KubeObject>,
      ),
    delete: async (ref, deleteOptions = {}) => {
      await notFoundIsUndefined(`delete ${named(ref)}`, () =>
        client.delete(
          ref as KubernetesObject,
          undefined,
          undefined,
          undefined,
          undefined,
          'Background',
          deleteOptions.uid ? { preconditions: { uid: deleteOptions.uid } } : undefined,
        ),
      );
    },
    create: (object) =>
      call(
        `create ${named(object)}`,
        () =>
          client.create(
            object as KubernetesObject,
            undefined,
            undefined,
            FIELD_MANAGER,
          ) as Promise<KubeObject>,
      ),
    list: async (apiVersion, kind, inNamespace = namespace) =>
      (
        await call(`list ${kind} in ${inNamespace}`, () =>
          client.list(apiVersion, kind, inNamespace),
        )
      ).items as KubeObject[],
  };
}

/** The API server explains a refusal in a Status object's message; client-node wraps it in a long dump. */
function statusMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  const status = typeof body === 'string' ? parseJson(body) : body;
  const message = (status as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : 'the API server refused it';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

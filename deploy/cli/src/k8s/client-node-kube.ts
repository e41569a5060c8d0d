import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentError } from '../core/errors';
import type { KubeObject, KubernetesApi } from './kube';

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
    throw new EnvironmentError(`cannot read the kubeconfig: ${(error as Error).message}`, 'set KUBECONFIG');
  }
  const contexts = config.getContexts().map((context) => context.name);
  // Without a kubeconfig, client-node invents a "loaded-context" pointing at localhost:8080.
  const invented = contexts.length === 1 && contexts[0] === 'loaded-context' && !process.env.KUBECONFIG;
  if (contexts.length === 0 || invented) {
    throw new EnvironmentError('no Kubernetes context is configured', 'point KUBECONFIG at a kubeconfig or pass --context');
  }
  if (options.context) {
    if (!contexts.includes(options.context)) {
      throw new EnvironmentError(`Kubernetes context "${options.context}" does not exist; contexts are: ${contexts.join(', ')}`, 'pass one of them with --context');
    }
    config.setCurrentContext(options.context);
  }
  const context = config.getCurrentContext();
  if (!context) throw new EnvironmentError('the kubeconfig has no current context', 'pass --context');
  const namespace = options.namespace ?? config.getContextObject(context)?.namespace ?? 'portside';
  const client = KubernetesObjectApi.makeApiClient(config);
  const server = config.getCurrentCluster()?.server ?? 'the API server';

  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: number | string }).code;
      if (typeof code === 'number') throw error;
      throw new EnvironmentError(`the Kubernetes API at ${server} is not reachable (${(error as Error).message})`, `check the context "${context}"`);
    }
  };
  const notFoundIsUndefined = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call(work);
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  };

  return {
    context,
    namespace,
    apply: (object) => call(() => client.patch(object as KubernetesObject, undefined, undefined, 'portside', true, PatchStrategy.ServerSideApply) as Promise<KubeObject>),
    read: (ref) => notFoundIsUndefined(() => client.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.metadata.name, namespace: ref.metadata.namespace } }) as Promise<KubeObject>),
    delete: async (ref) => {
      await notFoundIsUndefined(() => client.delete(ref as KubernetesObject, undefined, undefined, undefined, undefined, 'Background'));
    },
    list: async (apiVersion, kind) => (await call(() => client.list(apiVersion, kind, namespace))).items as KubeObject[],
  };
}

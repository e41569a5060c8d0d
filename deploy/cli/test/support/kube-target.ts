import path from 'node:path';
import { startKubeApiStandIn, type KubeApiStandIn } from './kube-api-stand-in';
import { kubeWorkspace, type KubeWorkspace } from './kube-workspace';

/** test/fixtures/k8s: shared config, the api Service, its migration Job, and the api and greeter Deployments. */
export const FIXTURE_MANIFESTS = path.resolve(__dirname, '../fixtures/k8s');

/** `portside <command> --target k8s --manifests <manifests> --poll-interval 200`, then `flags`. */
export const k8sCommand = (
  command: 'deploy' | 'rollback',
  manifests: string,
  ...flags: string[]
) => [command, '--target', 'k8s', '--manifests', manifests, '--poll-interval', '200', ...flags];

/** The images of a Deployment's containers, as the stand-in stores them. */
export const containerImages = (api: KubeApiStandIn, namespace: string, name: string) =>
  (
    api.objects.get(`Deployment/${namespace}/${name}`) as unknown as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    }
  ).spec.template.spec.containers.map((container) => container.image);

export interface KubeTarget<Copy extends string> {
  api: KubeApiStandIn;
  /** Working copies of their own (folder, ledger, kubeconfig), each pointed at the stand-in. */
  copies: Record<Copy, KubeWorkspace>;
}

/**
 * For the test file that calls it: before its tests, the API stand-in with `namespace` existing,
 * and one workspace per name in `copies` whose kube context is that namespace; after them, all
 * stopped and removed. Read the fields inside tests and hooks, once they are set.
 */
export function kubeTargetForFile<Copy extends string>(
  namespace: string,
  copies: readonly Copy[],
): KubeTarget<Copy> {
  const target = { copies: {} } as KubeTarget<Copy>;
  beforeAll(async () => {
    target.api = await startKubeApiStandIn({ namespaces: [namespace] });
    for (const copy of copies) target.copies[copy] = kubeWorkspace(target.api, namespace);
  });
  afterAll(async () => {
    await target.api.close();
    for (const copy of copies) target.copies[copy].remove();
  });
  return target;
}

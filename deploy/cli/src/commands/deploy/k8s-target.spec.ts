import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { EnvironmentError, RolloutFailedError } from '../../core/errors';
import { REPLICAS_HANDOVER_MANAGER } from '../../k8s/autoscaled';
import { KubernetesApiError } from '../../k8s/kube';
import { createRecordingReporter } from '../../core/reporter';
import { fakeContext } from '../../testing/fake-context';
import { FakeDocker } from '../../testing/fake-docker';
import { FakeKube } from '../../testing/fake-kube';
import { rollback } from '../rollback';
import { deploy } from '.';
import { deployKubernetes } from './k8s-target';

const manifests = path.resolve(__dirname, '../../../test/fixtures/k8s');
/** A Namespace of its own (portside), a StatefulSet, and a Deployment an HPA scales. */
const namespaced = path.resolve(__dirname, '../../../test/fixtures/k8s-namespaced');
const images = (digest: string) => ({
  api: { image: `reg/portside/api@${digest}`, digest },
  greeter: { image: `reg/portside/greeter@${digest}`, digest },
});

describe('deploying to Kubernetes', () => {
  let root: string;
  let ctx: CommandContext;
  let kube: FakeKube;
  const options = () => ({ kube, manifests, pollMs: 1, rolloutTimeoutMs: 1000 });

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-k8s-unit-'));
    kube = new FakeKube();
    ctx = fakeContext(root, new FakeDocker());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('applies config first, then the migration Job, then the Deployments, with images pinned and in the namespace', async () => {
    const release = await deployKubernetes(images('sha256:a'), options(), ctx);
    expect(release).toMatchObject({ outcome: 'succeeded', context: 'fake', namespace: 'shop' });
    expect(kube.applied.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([
      'ConfigMap/shared-config',
      'Service/api',
      'Job/api-migrate',
      'Deployment/api',
      'Deployment/greeter',
    ]);
    expect(kube.applied.every((object) => object.metadata.namespace === 'shop')).toBe(true);
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
  });

  it('puts every Deployment it touched back on its previous template when one gets stuck', async () => {
    await deployKubernetes(images('sha256:a'), options(), ctx);
    kube.stuckImages.add('reg/portside/greeter@sha256:b');

    await expect(deployKubernetes(images('sha256:b'), options(), ctx)).rejects.toThrow(
      new RolloutFailedError('greeter: exceeded its progress deadline'),
    );
    expect(kube.imageOf('greeter')).toBe('reg/portside/greeter@sha256:a');
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
    expect((await ctx.ledger.read()).releases.map((release) => release.outcome)).toEqual([
      'succeeded',
      'failed',
    ]);
  });

  it('removes a Deployment that did not exist before a failed first deploy', async () => {
    kube.stuckImages.add('reg/portside/greeter@sha256:a');
    await expect(deployKubernetes(images('sha256:a'), options(), ctx)).rejects.toThrow(
      RolloutFailedError,
    );
    expect(kube.deleted).toEqual(expect.arrayContaining(['Deployment/greeter', 'Deployment/api']));
  });

  it('undoes every other Deployment when one undo is refused, and says which', async () => {
    await deployKubernetes(images('sha256:a'), options(), ctx);
    kube.stuckImages.add('reg/portside/greeter@sha256:b');
    kube.refuseApply = (object) =>
      object.metadata.name === 'greeter' &&
      object.spec?.template?.spec?.containers?.[0]?.image?.endsWith('sha256:a')
        ? new KubernetesApiError(
            'cannot apply Deployment shop/greeter: admission webhook denied it (HTTP 400)',
            400,
          )
        : undefined;

    await expect(deployKubernetes(images('sha256:b'), options(), ctx)).rejects.toThrow(
      new RolloutFailedError('greeter: exceeded its progress deadline'),
    );
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
    expect((ctx.reporter as ReturnType<typeof createRecordingReporter>).lines).toContain(
      'warn: undo of greeter failed: cannot apply Deployment shop/greeter: admission webhook denied it (HTTP 400)',
    );
  });

  it('turns an apply the API server refuses into a failed rollout, undoing nothing it did not change', async () => {
    await deployKubernetes(images('sha256:a'), options(), ctx);
    kube.refuseApply = (object) =>
      object.metadata.name === 'greeter'
        ? new KubernetesApiError(
            'cannot apply Deployment shop/greeter: spec.selector: field is immutable (HTTP 422)',
            422,
          )
        : undefined;

    await expect(deployKubernetes(images('sha256:b'), options(), ctx)).rejects.toThrow(
      new RolloutFailedError(
        'cannot apply Deployment shop/greeter: spec.selector: field is immutable (HTTP 422)',
      ),
    );
    expect(kube.applied.filter((object) => object.metadata.name === 'greeter')).toHaveLength(1);
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
  });

  describe('manifests with a namespace, a data store and an autoscaler', () => {
    // As `--namespace shop`: the manifests' own namespace is portside.
    const deployShop = (digest: string, overrides: Record<string, unknown> = {}) =>
      deployKubernetes(
        images(digest),
        { ...options(), manifests: namespaced, namespace: 'shop', ...overrides },
        ctx,
      );
    const applied = (ref: string) =>
      kube.applications.filter(({ object }) => `${object.kind}/${object.metadata.name}` === ref);
    const lines = () => (ctx.reporter as ReturnType<typeof createRecordingReporter>).lines;

    it("creates the target namespace from the manifests' own and rewrites the addresses that named it", async () => {
      await deployShop('sha256:a');
      expect(kube.applied[0]).toMatchObject({
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
      });
      expect(kube.objects.get('Namespace/portside')).toBeUndefined();
      expect(kube.objects.get('ConfigMap/web-config')?.data).toEqual({
        STORE_ADDRESS: 'store-0.store.shop.svc.cluster.local:6379',
      });
      expect(lines()).toContain(
        'namespace shop: ConfigMap/web-config data.STORE_ADDRESS: store-0.store.portside.svc.cluster.local:6379 -> store-0.store.shop.svc.cluster.local:6379',
      );
    });

    it("stays in the manifests' own namespace when none is asked for, whatever the context's is", async () => {
      expect(kube.namespace).toBe('shop');
      await expect(deployShop('sha256:a', { namespace: undefined })).resolves.toMatchObject({
        namespace: 'portside',
      });
      expect(kube.applied[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'portside' } });
      expect(
        kube.applied.every(
          (object) => object.kind === 'Namespace' || object.metadata.namespace === 'portside',
        ),
      ).toBe(true);
    });

    it('rolls back within the namespace asked for, from the history kept there', async () => {
      const where = { kube, manifests: namespaced, pollMs: 1, rolloutTimeoutMs: 1000 };
      for (const digest of ['sha256:a', 'sha256:b'])
        await deploy(
          { ...where, target: 'k8s', namespace: 'staging', images: images(digest) },
          ctx,
        );
      expect(kube.objects.get('Lease/portside-lock')).toBeUndefined();
      const back = await rollback({ ...where, target: 'k8s', namespace: 'staging' }, ctx);
      expect(back).toMatchObject({
        outcome: 'succeeded',
        namespace: 'staging',
        services: images('sha256:a'),
      });
      expect(kube.objects.get('Namespace/portside')).toBeUndefined();
    });

    it('goes on into the namespace as it is when applying the Namespace is forbidden', async () => {
      kube.refuseApply = (object) =>
        object.kind === 'Namespace'
          ? new KubernetesApiError(
              'cannot apply Namespace shop: namespaces "shop" is forbidden (HTTP 403)',
              403,
            )
          : undefined;
      await expect(deployShop('sha256:a')).resolves.toMatchObject({ outcome: 'succeeded' });
      expect(lines()).toContain(
        'warn: cannot apply Namespace shop: namespaces "shop" is forbidden (HTTP 403); going on in namespace shop as it is',
      );
    });

    it('waits for the StatefulSet to roll out before the Deployment goes in', async () => {
      await deployShop('sha256:a');
      const order = kube.applied.map((object) => `${object.kind}/${object.metadata.name}`);
      expect(order.indexOf('StatefulSet/store')).toBeLessThan(order.indexOf('Deployment/web'));
      expect(lines().indexOf('store: successfully rolled out (1 pods at revision r)')).toBeLessThan(
        lines().indexOf('web: applying'),
      );
    });

    it('fails before any Deployment when the StatefulSet never gets ready, and leaves the data store as applied', async () => {
      kube.stuckImages.add('store:7');
      await expect(deployShop('sha256:a')).rejects.toThrow(
        new RolloutFailedError(
          'store: not rolled out after 1s (store: waiting for 1 pods to be ready)',
        ),
      );
      expect(applied('Deployment/web')).toEqual([]);
      expect(kube.deleted).toEqual([]);
    });

    it('applies the manifests replicas when the Deployment is created, and leaves them to the HPA after that', async () => {
      await deployShop('sha256:a');
      expect(applied('Deployment/web')[0]?.object.spec?.replicas).toBe(2);
      kube.scale('Deployment', 'web', 5);

      await deployShop('sha256:b');
      expect(applied('Deployment/web')[1]?.object.spec).not.toHaveProperty('replicas');
      expect(kube.objects.get('Deployment/web')?.spec?.replicas).toBe(5);
      expect(lines()).toContain(
        'Deployment/web: replicas left to its HorizontalPodAutoscaler (5 now)',
      );
    });

    it('hands replicas it still owns to a second field manager first, so they are not reset to 1', async () => {
      await deployShop('sha256:a');
      await deployShop('sha256:b');
      expect(
        applied('Deployment/web').map(({ object, fieldManager }) => [
          fieldManager,
          object.spec?.replicas,
        ]),
      ).toEqual([
        ['portside', 2],
        [REPLICAS_HANDOVER_MANAGER, 2],
        ['portside', undefined],
      ]);
      expect(kube.objects.get('Deployment/web')?.spec?.replicas).toBe(2);
    });

    it("undoes a stuck Deployment without touching the HPA's count", async () => {
      await deployShop('sha256:a');
      kube.scale('Deployment', 'web', 4);
      kube.stuckImages.add('reg/portside/api@sha256:b');
      await expect(deployShop('sha256:b')).rejects.toThrow(RolloutFailedError);
      expect(kube.imageOf('web')).toBe('reg/portside/api@sha256:a');
      expect(applied('Deployment/web').at(-1)?.object.spec).not.toHaveProperty('replicas');
      expect(kube.objects.get('Deployment/web')?.spec?.replicas).toBe(4);
    });

    it('rides out a read the API server fails while waiting, instead of undoing a good rollout', async () => {
      kube.failingReads.set(
        'Deployment/web',
        new EnvironmentError('the Kubernetes API at https://k8s is not reachable (ECONNRESET)'),
      );
      await expect(deployShop('sha256:a')).resolves.toMatchObject({ outcome: 'succeeded' });
      expect(lines()).toContain(
        'warn: web: reading its status failed (the Kubernetes API at https://k8s is not reachable (ECONNRESET)); trying again',
      );
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../core/context';
import { RolloutFailedError } from '../../core/errors';
import { Ledger } from '../../core/ledger';
import { createRecordingReporter } from '../../core/reporter';
import { FakeDocker } from '../../testing/fake-docker';
import { FakeKube } from '../../testing/fake-kube';
import { deployKubernetes } from './k8s-target';

const manifests = path.resolve(__dirname, '../../../test/fixtures/k8s');
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
    ctx = { root, reporter: createRecordingReporter(), docker: new FakeDocker(), ledger: Ledger.at(root), workspace: { root, deployables: async () => [], affected: async () => [] }, env: {} };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('applies config first, then the migration Job, then the Deployments, with images pinned and in the namespace', async () => {
    const release = await deployKubernetes(images('sha256:a'), options(), ctx);
    expect(release).toMatchObject({ outcome: 'succeeded', context: 'fake', namespace: 'shop' });
    expect(kube.applied.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['ConfigMap/shared-config', 'Service/api', 'Job/api-migrate', 'Deployment/api', 'Deployment/greeter']);
    expect(kube.applied.every((object) => object.metadata.namespace === 'shop')).toBe(true);
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
  });

  it('puts every Deployment it touched back on its previous template when one gets stuck', async () => {
    await deployKubernetes(images('sha256:a'), options(), ctx);
    kube.stuckImages.add('reg/portside/greeter@sha256:b');

    await expect(deployKubernetes(images('sha256:b'), options(), ctx)).rejects.toThrow(new RolloutFailedError('greeter: exceeded its progress deadline'));
    expect(kube.imageOf('greeter')).toBe('reg/portside/greeter@sha256:a');
    expect(kube.imageOf('api')).toBe('reg/portside/api@sha256:a');
    expect((await ctx.ledger.read()).releases.map((release) => release.outcome)).toEqual(['succeeded', 'failed']);
  });

  it('removes a Deployment that did not exist before a failed first deploy', async () => {
    kube.stuckImages.add('reg/portside/greeter@sha256:a');
    await expect(deployKubernetes(images('sha256:a'), options(), ctx)).rejects.toThrow(RolloutFailedError);
    expect(kube.deleted).toEqual(expect.arrayContaining(['Deployment/greeter', 'Deployment/api']));
  });
});

import { EnvironmentError, TargetLockedError } from '../core/errors';
import { KubernetesApiError, type KubeObject, type KubernetesApi } from '../k8s/kube';
import { describeHolder, holderIsGone, lockHolder, type LockHolder } from './holder';
import { byStart, release, type Release } from './record';
import type { HeldLock, LockOptions, TargetStore } from './target-store';

/**
 * A namespace's history and lock, kept in the namespace itself as Helm 3 keeps its releases:
 * one Secret per release (type portside.dev/release.v1, the record as JSON under data.release),
 * and one coordination.k8s.io Lease as the lock, taken by creating it (the API server refuses a
 * second create with 409) and given back by deleting it with its uid as a precondition.
 */
export const RELEASE_SECRET_TYPE = 'portside.dev/release.v1';
export const LOCK_LEASE = 'portside-lock';
const HOLDER_ANNOTATION = 'portside.dev/holder';
const OWNER_LABEL = 'app.kubernetes.io/managed-by';

const secretName = (id: string) => `portside.release.${id}`;

export class KubeStore implements TargetStore {
  readonly where: string;

  constructor(
    private readonly kube: KubernetesApi,
    private readonly namespace: string,
  ) {
    this.where = `namespace ${namespace} of context ${kube.context}`;
  }

  async list(): Promise<Release[]> {
    const secrets = await this.kube.list('v1', 'Secret', this.namespace);
    return secrets
      .filter((secret) => secret.type === RELEASE_SECRET_TYPE)
      .map((secret) => {
        const data = (secret.data as Record<string, string> | undefined)?.release;
        return release.safeParse(parseJson(Buffer.from(data ?? '', 'base64').toString('utf8')));
      })
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .sort(byStart);
  }

  async save(record: Release): Promise<void> {
    await this.kube.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName(record.id),
        namespace: this.namespace,
        labels: {
          [OWNER_LABEL]: 'portside',
          'portside.dev/release': record.id,
          'portside.dev/outcome': record.outcome,
        },
      },
      type: RELEASE_SECRET_TYPE,
      data: { release: Buffer.from(JSON.stringify(record)).toString('base64') },
    });
  }

  async lock(holder: LockHolder, options: LockOptions = {}): Promise<HeldLock> {
    const lease: KubeObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: LOCK_LEASE,
        namespace: this.namespace,
        labels: { [OWNER_LABEL]: 'portside' },
        annotations: { [HOLDER_ANNOTATION]: JSON.stringify(holder) },
      },
      spec: {
        holderIdentity: `${holder.user}@${holder.host}/${holder.pid}`,
        acquireTime: holder.since.replace('Z', '000Z'),
      },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.kube.create(lease);
        const uid = created.metadata.uid as string | undefined;
        let released = false;
        return {
          holder,
          release: async () => {
            if (released) return;
            released = true;
            await this.kube.delete(lease, { uid });
          },
        };
      } catch (error) {
        if (error instanceof KubernetesApiError && error.code === 404 && attempt === 0) {
          await this.missingNamespace(options);
          continue;
        }
        if (!(error instanceof KubernetesApiError && error.code === 409)) throw error;
        const current = await this.current();
        // A gone holder's Lease is deleted by uid: if another run took over meanwhile, its lock stays.
        if (attempt === 0 && current?.holder && holderIsGone(current.holder))
          await this.kube.delete(lease, { uid: current.uid }).catch(() => undefined);
        else if (attempt === 0 && !current) continue;
        else throw this.refusal(current?.holder);
      }
    }
  }

  async holder(): Promise<LockHolder | undefined> {
    return (await this.current())?.holder;
  }

  async breakLock(): Promise<LockHolder | undefined> {
    const current = await this.current();
    if (current) await this.kube.delete(this.leaseRef(), { uid: current.uid });
    return current?.holder;
  }

  /**
   * A first deploy into a namespace creates it here, where its lock goes (the deploy then applies
   * the manifests' Namespace with its labels); other commands have nothing to act on there.
   */
  private async missingNamespace(options: LockOptions): Promise<void> {
    if (!options.createNamespace)
      throw new EnvironmentError(
        `namespace ${this.namespace} does not exist on context ${this.kube.context}`,
        'pass the --namespace portside deployed to',
      );
    await this.kube.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.namespace },
    });
  }

  private refusal(holder?: LockHolder): Error {
    return new TargetLockedError(
      `${this.where} is locked by ${holder ? describeHolder(holder) : 'another portside run'}`,
      'wait for it to finish; if that run is dead on another machine, portside unlock breaks the lock',
    );
  }

  private leaseRef() {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: LOCK_LEASE, namespace: this.namespace },
    };
  }

  private async current(): Promise<{ uid?: string; holder?: LockHolder } | undefined> {
    const lease = await this.kube.read(this.leaseRef());
    if (!lease) return undefined;
    const parsed = lockHolder.safeParse(parseJson(lease.metadata.annotations?.[HOLDER_ANNOTATION]));
    return {
      uid: lease.metadata.uid as string | undefined,
      holder: parsed.success ? parsed.data : undefined,
    };
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

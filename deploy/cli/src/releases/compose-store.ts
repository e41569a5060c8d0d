import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-fs';
import { EnvironmentError, TargetLockedError } from '../core/errors';
import { ContainerNameTaken, type DockerEngine } from '../docker/engine';
import { describeHolder, holderIsGone, lockHolder, type LockHolder } from './holder';
import { byStart, release, type Release } from './record';
import type { HeldLock, TargetStore } from './target-store';

/**
 * A Compose target's history and lock, kept by the Docker Engine that runs the stack, so any
 * machine whose DOCKER_HOST points at that Engine reads the same:
 *
 * - each release is a small named volume whose labels carry the record as JSON. Labels cannot be
 *   changed, so a change (started -> succeeded, a verdict) is a new volume with a higher revision;
 *   the older one is removed after the newer exists, and readers take the highest revision.
 * - the lock is a container that is created and never started, named after the project: the
 *   Engine refuses a second container of that name (409), which makes taking it atomic. It is made
 *   from a tiny image with no files (FROM scratch), built on the Engine the first time.
 */
export const LEDGER_LABEL = {
  project: 'io.portside.ledger.project',
  id: 'io.portside.ledger.release',
  revision: 'io.portside.ledger.revision',
  record: 'io.portside.ledger.record',
  lock: 'io.portside.lock.project',
  holder: 'io.portside.lock.holder',
} as const;

export const LOCK_IMAGE = 'portside/lock:1';

export const lockContainerName = (project: string) => `portside-lock.${project}`;
const volumeName = (project: string, id: string, revision: number) =>
  `portside-release.${project}.${id}.${revision}`;

export class ComposeStore implements TargetStore {
  readonly where: string;

  constructor(
    private readonly docker: DockerEngine,
    private readonly project: string,
    /** Only for messages: the Engine it keeps its records on (DOCKER_HOST). */
    dockerHost: string | undefined,
  ) {
    this.where = `compose project ${project} on ${dockerHost ?? 'unix:///var/run/docker.sock'}`;
  }

  async list(): Promise<Release[]> {
    const newest = new Map<string, { revision: number; record: Release }>();
    for (const volume of await this.revisions()) {
      const parsed = release.safeParse(parseJson(volume.labels[LEDGER_LABEL.record]));
      if (!parsed.success) continue;
      const known = newest.get(parsed.data.id);
      if (!known || known.revision < volume.revision)
        newest.set(parsed.data.id, { revision: volume.revision, record: parsed.data });
    }
    return [...newest.values()].map((entry) => entry.record).sort(byStart);
  }

  async save(record: Release): Promise<void> {
    const older = (await this.revisions()).filter((volume) => volume.id === record.id);
    const revision = Math.max(Date.now(), ...older.map((volume) => volume.revision + 1));
    await this.docker.createVolume(volumeName(this.project, record.id, revision), {
      [LEDGER_LABEL.project]: this.project,
      [LEDGER_LABEL.id]: record.id,
      [LEDGER_LABEL.revision]: String(revision),
      [LEDGER_LABEL.record]: JSON.stringify(record),
    });
    for (const volume of older) await this.docker.removeVolume(volume.name);
  }

  async lock(holder: LockHolder): Promise<HeldLock> {
    const name = lockContainerName(this.project);
    const create = () =>
      this.docker.createContainer({
        name,
        Image: LOCK_IMAGE,
        Cmd: ['/portside-lock'],
        Labels: {
          [LEDGER_LABEL.lock]: this.project,
          [LEDGER_LABEL.holder]: JSON.stringify(holder),
        },
      });
    for (let attempt = 0; ; attempt++) {
      try {
        if (!(await this.docker.inspectImage(LOCK_IMAGE))) await this.buildLockImage();
        const id = await create();
        let released = false;
        return {
          holder,
          release: async () => {
            if (released) return;
            released = true;
            await this.docker.removeContainer(id);
          },
        };
      } catch (error) {
        if (!(error instanceof ContainerNameTaken)) throw error;
        const current = await this.lockContainer();
        // A gone holder's container is removed by id: if another run took over meanwhile, its lock stays.
        if (attempt === 0 && current?.holder && holderIsGone(current.holder))
          await this.docker.removeContainer(current.id);
        else if (attempt === 0 && !current) continue;
        else throw this.refusal(current?.holder);
      }
    }
  }

  async holder(): Promise<LockHolder | undefined> {
    return (await this.lockContainer())?.holder;
  }

  async breakLock(): Promise<LockHolder | undefined> {
    const current = await this.lockContainer();
    if (current) await this.docker.removeContainer(current.id);
    return current?.holder;
  }

  private refusal(holder?: LockHolder): Error {
    return new TargetLockedError(
      `${this.where} is locked by ${holder ? describeHolder(holder) : 'another portside run'}`,
      'wait for it to finish; if that run is dead on another machine, portside unlock breaks the lock',
    );
  }

  private async lockContainer(): Promise<{ id: string; holder?: LockHolder } | undefined> {
    const [found] = await this.docker.listContainers({ [LEDGER_LABEL.lock]: this.project }, true);
    if (!found) return undefined;
    const parsed = lockHolder.safeParse(parseJson(found.labels[LEDGER_LABEL.holder]));
    return { id: found.id, holder: parsed.success ? parsed.data : undefined };
  }

  private async revisions() {
    const volumes = await this.docker.listVolumes({ [LEDGER_LABEL.project]: this.project });
    return volumes.map((volume) => ({
      name: volume.name,
      labels: volume.labels,
      id: volume.labels[LEDGER_LABEL.id] ?? '',
      revision: Number(volume.labels[LEDGER_LABEL.revision] ?? 0),
    }));
  }

  /** An image with no files and a label: all a never-started container needs. */
  private async buildLockImage(): Promise<void> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-lock-'));
    try {
      writeFileSync(
        path.join(dir, 'Dockerfile'),
        'FROM scratch\nLABEL io.portside.role="target lock"\nCMD ["/portside-lock"]\n',
      );
      let failure: string | undefined;
      await this.docker.build(
        {
          context: tar.pack(dir),
          dockerfile: 'Dockerfile',
          tag: LOCK_IMAGE,
          buildArgs: {},
          labels: {},
        },
        (event) => {
          failure ??= event.error ?? event.errorDetail?.message;
        },
      );
      if (failure) throw new EnvironmentError(`cannot build the lock image: ${failure}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

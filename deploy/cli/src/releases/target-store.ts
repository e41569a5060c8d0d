import type { LockHolder } from './holder';
import type { Release } from './record';

export interface LockOptions {
  /** k8s: create the namespace when it does not exist yet (a first deploy into it). */
  createNamespace?: boolean;
}

/** A lock held on a target; `release` lets go (idempotent). */
export interface HeldLock {
  holder: LockHolder;
  release(): Promise<void>;
}

/**
 * Where a target keeps its own history and its lock, so every machine pointed at it sees the same:
 * kube-store.ts (Secrets and a Lease in the namespace), compose-store.ts (labelled volumes and a
 * named container on the Docker Engine).
 */
export interface TargetStore {
  /** For messages: "compose project shop on unix:///var/run/docker.sock". */
  readonly where: string;
  /** Every release on the target, oldest first. */
  list(): Promise<Release[]>;
  /** Creates or replaces the record of a release. */
  save(release: Release): Promise<void>;
  /**
   * Takes the lock, or throws TargetLockedError naming who holds it. A lock whose holder is known
   * to be gone (holder.ts) is taken over.
   */
  lock(holder: LockHolder, options?: LockOptions): Promise<HeldLock>;
  /** Who holds the lock now, if anyone. */
  holder(): Promise<LockHolder | undefined>;
  /** Removes the lock whoever holds it (`portside unlock`); returns who held it. */
  breakLock(): Promise<LockHolder | undefined>;
}

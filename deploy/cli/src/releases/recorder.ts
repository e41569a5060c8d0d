import os from 'node:os';
import type { Ledger } from '../core/ledger';
import { userName } from './holder';
import { nextReleaseId, type NewRelease, type Outcome, type Release } from './record';
import type { TargetStore } from './target-store';

/** How a deploy records its release: once when it starts, once when it ends. */
export interface ReleaseRecorder {
  start(entry: NewRelease): Promise<Release>;
  finish(started: Release, outcome: Exclude<Outcome, 'started'>, note?: string): Promise<Release>;
}

const by = () => `${userName()}@${os.hostname()} (pid ${process.pid})`;

/**
 * Writes to the target (under its lock, so release numbers cannot collide) and mirrors into the
 * local ledger, which is only a cache.
 */
export function targetRecorder(store: TargetStore, ledger: Ledger): ReleaseRecorder {
  return {
    async start(entry) {
      const release: Release = {
        ...entry,
        id: nextReleaseId(await store.list(), entry.gitSha),
        time: new Date().toISOString(),
        outcome: 'started',
        by: by(),
      };
      await store.save(release);
      await ledger.remember([release]);
      return release;
    },
    async finish(started, outcome, note) {
      const release: Release = {
        ...started,
        outcome,
        finishedAt: new Date().toISOString(),
        ...(note ? { note } : {}),
      };
      await store.save(release);
      await ledger.remember([release]);
      return release;
    },
  };
}

/** Only the local ledger: for calling a target's rollout directly (unit tests). */
export function localRecorder(ledger: Ledger): ReleaseRecorder {
  return {
    async start(entry) {
      const release: Release = {
        ...entry,
        id: nextReleaseId((await ledger.read()).releases, entry.gitSha),
        time: new Date().toISOString(),
        outcome: 'started',
        by: by(),
      };
      await ledger.remember([release]);
      return release;
    },
    async finish(started, outcome, note) {
      const release: Release = {
        ...started,
        outcome,
        finishedAt: new Date().toISOString(),
        ...(note ? { note } : {}),
      };
      await ledger.remember([release]);
      return release;
    },
  };
}

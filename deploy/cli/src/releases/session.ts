import type { CommandContext } from '../core/context';
import { interruption } from '../core/interrupt';
import { thisProcess } from './holder';
import { targetRecorder, type ReleaseRecorder } from './recorder';
import type { TargetStore } from './target-store';

/**
 * Runs a command that changes a target (deploy, rollback, restart, scale) holding the target's
 * lock, with SIGINT/SIGTERM turned into an orderly stop (core/interrupt.ts), and the lock given
 * back however it ends. Releases a dead run left `started` are closed as abandoned first: whoever
 * holds the lock knows no one else is deploying.
 */
export async function underTargetLock<T>(
  store: TargetStore,
  ctx: CommandContext,
  command: string,
  work: (recorder: ReleaseRecorder) => Promise<T>,
): Promise<T> {
  return interruption.during(
    (message) => ctx.reporter.warn(message),
    async () => {
      const held = await store.lock(thisProcess(command), {
        createNamespace: command === 'deploy',
      });
      ctx.reporter.progress(`locked ${store.where}`);
      try {
        await closeAbandoned(store, ctx);
        return await work(targetRecorder(store, ctx.ledger));
      } finally {
        await held
          .release()
          .catch((error: Error) =>
            ctx.reporter.warn(`could not unlock ${store.where}: ${error.message}`),
          );
      }
    },
  );
}

async function closeAbandoned(store: TargetStore, ctx: CommandContext): Promise<void> {
  for (const release of await store.list()) {
    if (release.outcome !== 'started') continue;
    ctx.reporter.warn(
      `release ${release.id} (${release.by ?? 'unknown'}) never finished: abandoned`,
    );
    await store.save({
      ...release,
      outcome: 'abandoned',
      finishedAt: new Date().toISOString(),
      note: 'its run ended without finishing (found by the next holder of the lock)',
    });
  }
}

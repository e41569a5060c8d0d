import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { rollbackTarget, type Release } from '../../core/ledger';
import { parseTarget } from '../../releases/open-store';
import { underTargetLock } from '../../releases/session';
import { rollOut, storeFor, type DeployOptions } from '../deploy';

export interface RollbackOptions extends Omit<DeployOptions, 'images' | 'rollbackOf'> {
  to?: string;
}

/**
 * Redeploys an earlier release's digests through the same rolling path as any deploy. The history
 * is the target's own, read under its lock: a release deployed from another machine is as good
 * to go back to as one of this checkout's.
 */
export async function rollback(options: RollbackOptions, ctx: CommandContext): Promise<Release> {
  const target = parseTarget(options.target ?? 'compose');
  const { store, options: connected } = await storeFor({ ...options, target }, ctx);
  return underTargetLock(store, ctx, 'rollback', async (recorder) => {
    const releases = await store.list();
    await ctx.ledger.remember(releases);
    const chosen = rollbackTarget(releases, target, options.to);
    if (!chosen) {
      throw new UsageError(
        options.to
          ? `no release "${options.to}" on ${store.where}; releases are: ${releases.map((entry) => entry.id).join(', ') || 'none'}`
          : `no earlier successful release on ${store.where} to roll back to`,
      );
    }
    if (chosen.outcome !== 'succeeded')
      throw new UsageError(
        `release ${chosen.id} ${chosen.outcome === 'failed' ? 'failed when deployed' : `was ${chosen.outcome}`}; pick one that succeeded`,
      );
    ctx.reporter.progress(`rolling ${target} back to ${chosen.id} (${chosen.time})`);
    return rollOut(
      { ...connected, target, images: chosen.services, rollbackOf: chosen.id },
      ctx,
      recorder,
    );
  });
}

import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { rollbackTarget, type Release, type Target } from '../../core/ledger';
import { deploy, type DeployOptions } from '../deploy';

export interface RollbackOptions extends Omit<DeployOptions, 'images' | 'rollbackOf'> {
  to?: string;
}

/** Redeploys an earlier release's digests through the same rolling path as any deploy. */
export async function rollback(options: RollbackOptions, ctx: CommandContext): Promise<Release> {
  const { releases } = await ctx.ledger.read();
  const target = (options.target ?? 'compose') as Target;
  const chosen = rollbackTarget(releases, target, options.to);
  if (!chosen) {
    throw new UsageError(
      options.to
        ? `no release "${options.to}"; releases are: ${releases.map((entry) => entry.id).join(', ') || 'none'}`
        : `no earlier successful release on ${target} to roll back to`,
    );
  }
  if (chosen.outcome !== 'succeeded')
    throw new UsageError(`release ${chosen.id} failed when deployed; pick one that succeeded`);
  ctx.reporter.progress(`rolling ${target} back to ${chosen.id} (${chosen.time})`);
  // Back where that release went, unless told otherwise.
  const where = {
    context: options.context ?? chosen.context,
    namespace: options.namespace ?? chosen.namespace,
  };
  return deploy(
    { ...options, ...where, target, images: chosen.services, rollbackOf: chosen.id },
    ctx,
  );
}

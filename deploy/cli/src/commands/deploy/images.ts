import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import type { ReleaseService } from '../../core/ledger';
import { pinnedRef } from '../push';

/** What each app deploys as: the pushed image pinned by digest, from the ledger. */
export async function pushedImages(ctx: CommandContext): Promise<Record<string, ReleaseService>> {
  const { pushes } = await ctx.ledger.read();
  const entries = Object.values(pushes);
  if (entries.length === 0)
    throw new UsageError(
      'nothing has been pushed yet',
      'run portside build and portside push first',
    );
  return Object.fromEntries(
    entries.map((pushed) => [pushed.app, { image: pinnedRef(pushed), digest: pushed.digest }]),
  );
}

import type { CommandContext } from '../../core/context';
import type { Release } from '../../core/ledger';
import { parseTarget } from '../../releases/open-store';
import { storeFor, type DeployOptions } from '../deploy';

export type ReleasesOptions = Omit<DeployOptions, 'images' | 'rollbackOf'>;

/** The target's release history, as the target keeps it (whoever deployed), oldest first. */
export async function releases(
  options: ReleasesOptions,
  ctx: CommandContext,
): Promise<{ where: string; releases: Release[] }> {
  const target = parseTarget(options.target ?? 'compose');
  const { store } = await storeFor({ ...options, target }, ctx);
  const found = await store.list();
  await ctx.ledger.remember(found);
  return { where: store.where, releases: found };
}

export function formatReleases(where: string, found: Release[]): string {
  if (found.length === 0) return `no releases on ${where}`;
  const lines = found.map((release) =>
    [
      release.id.padEnd(12),
      release.time.replace(/\.\d+Z$/, 'Z'),
      release.outcome.padEnd(11),
      (release.by ?? '-').padEnd(24),
      release.rollbackOf ? `rollback to ${release.rollbackOf}` : release.gitSha.slice(0, 7),
      release.verdict ? `verify: ${release.verdict.passed ? 'passed' : 'failed'}` : '',
    ]
      .join('  ')
      .trimEnd(),
  );
  return [`releases on ${where}`, ...lines].join('\n');
}

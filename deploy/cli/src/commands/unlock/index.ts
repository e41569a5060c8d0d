import type { CommandContext } from '../../core/context';
import type { LockHolder } from '../../releases/holder';
import { parseTarget } from '../../releases/open-store';
import { storeFor, type DeployOptions } from '../deploy';

/**
 * Breaks a target's lock whoever holds it: for a run that died on another machine, which no
 * rule can tell from one still running. The person decides; the holder is printed.
 */
export async function unlock(
  options: Omit<DeployOptions, 'images' | 'rollbackOf'>,
  ctx: CommandContext,
): Promise<{ where: string; holder?: LockHolder }> {
  const { store } = await storeFor({ ...options, target: parseTarget(options.target) }, ctx);
  return { where: store.where, holder: await store.breakLock() };
}

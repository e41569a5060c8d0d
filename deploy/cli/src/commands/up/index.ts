import type { CommandContext } from '../../core/context';
import type { Release } from '../../core/ledger';
import { build } from '../build';
import { deploy, type DeployOptions } from '../deploy';
import { push } from '../push';

export interface UpOptions extends Omit<DeployOptions, 'target' | 'images'> {
  registry?: string;
  concurrency?: number;
}

/** Build every app, push, deploy to Compose: the whole path `npm start` takes. */
export async function up(options: UpOptions, ctx: CommandContext): Promise<Release> {
  const built = await build({ apps: [], concurrency: options.concurrency }, ctx);
  await push({ registry: options.registry, apps: built.map((image) => image.app) }, ctx);
  return deploy({ ...options, target: 'compose' }, ctx);
}

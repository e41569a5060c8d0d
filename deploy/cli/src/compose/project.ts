import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../core/context';
import { UsageError } from '../core/errors';
import { composeRunner, type ComposeProject } from './compose-cli';

export interface ComposeOptions {
  composeFile?: string;
  projectName?: string;
  /** Layers added on top, by name: `observability` is docker/compose.observability.yaml. */
  with?: string[];
}

/**
 * docker/compose.yaml under the project name "portside", unless told otherwise,
 * plus the layers asked for (--with, or PORTSIDE_COMPOSE_LAYERS=a,b), each a
 * compose.<layer>.yaml beside the main file.
 */
export function composeProject(
  options: ComposeOptions,
  ctx: Pick<CommandContext, 'root' | 'env'>,
): ComposeProject {
  const file = path.resolve(
    ctx.root,
    options.composeFile ?? ctx.env.PORTSIDE_COMPOSE_FILE ?? 'docker/compose.yaml',
  );
  const names = options.with ?? (ctx.env.PORTSIDE_COMPOSE_LAYERS ?? '').split(',').filter(Boolean);
  const layers = names.map((name) => {
    const layer = path.join(path.dirname(file), `compose.${name}.yaml`);
    if (!/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(layer)) {
      throw new UsageError(
        `--with ${name}: there is no ${path.relative(ctx.root, layer)}`,
        'name a layer such as observability',
      );
    }
    return layer;
  });
  return {
    file,
    layers,
    projectName: options.projectName ?? ctx.env.PORTSIDE_COMPOSE_PROJECT ?? 'portside',
  };
}

export const runnerFor = (project: ComposeProject, ctx: Pick<CommandContext, 'env'>) =>
  composeRunner(project, ctx.env);

import path from 'node:path';
import type { CommandContext } from '../core/context';
import { composeRunner, type ComposeProject } from './compose-cli';

export interface ComposeOptions {
  composeFile?: string;
  projectName?: string;
}

/** docker/compose.yaml under the project name "portside", unless told otherwise. */
export function composeProject(
  options: ComposeOptions,
  ctx: Pick<CommandContext, 'root' | 'env'>,
): ComposeProject {
  return {
    file: path.resolve(
      ctx.root,
      options.composeFile ?? ctx.env.PORTSIDE_COMPOSE_FILE ?? 'docker/compose.yaml',
    ),
    projectName: options.projectName ?? ctx.env.PORTSIDE_COMPOSE_PROJECT ?? 'portside',
  };
}

export const runnerFor = (project: ComposeProject, ctx: Pick<CommandContext, 'env'>) =>
  composeRunner(project, ctx.env);

import { composeProject, runnerFor, type ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { EnvironmentError } from '../../core/errors';

export interface DownOptions extends ComposeOptions {
  volumes?: boolean;
}

/** Stops and removes the stack's containers and network; data volumes stay unless asked. */
export async function down(options: DownOptions, ctx: CommandContext): Promise<void> {
  await ctx.docker.ping();
  const project = composeProject(options, ctx);
  ctx.reporter.progress(`compose down (${project.projectName})`);
  const result = await runnerFor(project, ctx).run([
    'down',
    '--remove-orphans',
    ...(options.volumes ? ['--volumes'] : []),
  ]);
  if (result.code !== 0)
    throw new EnvironmentError(`compose down failed: ${result.stderr.trim().split('\n').at(-1)}`);
}

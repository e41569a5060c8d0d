import { readComposeFile, imageVariableFor } from '../../compose/compose-file';
import { composeProject, runnerFor, type ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';

export interface LogsOptions extends ComposeOptions {
  app: string;
  follow?: boolean;
  tail?: string;
}

/** The app's logs from every replica, straight from compose (which finds them by label). */
export async function logs(options: LogsOptions, ctx: CommandContext): Promise<number> {
  const project = composeProject(options, ctx);
  const model = readComposeFile(project.file);
  const services = model.services
    .filter(
      (service) =>
        service.name === options.app || service.imageVariable === imageVariableFor(options.app),
    )
    .map((service) => service.name);
  if (services.length === 0) {
    throw new UsageError(
      `unknown app "${options.app}"; services are: ${model.services.map((service) => service.name).join(', ')}`,
    );
  }
  const args = [
    'logs',
    '--tail',
    options.tail ?? '200',
    ...(options.follow ? ['-f'] : []),
    ...services,
  ];
  const result = await runnerFor(project, ctx).run(
    args,
    {},
    { inherit: true, timeoutMs: options.follow ? 0 : 60_000 },
  );
  return result.code;
}

import { readComposeFile, imageVariableFor } from '../../compose/compose-file';
import { composeProject, runnerFor, type ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { EnvironmentError, UsageError } from '../../core/errors';

export interface LogsOptions extends ComposeOptions {
  app: string;
  follow?: boolean;
  tail?: string;
}

export interface LogsResult {
  app: string;
  services: string[];
  /** json only: each line compose printed, replica prefix included ("api_1  | listening"). */
  lines?: string[];
}

/**
 * The app's logs from every replica, straight from compose (which finds them by label). For
 * people they stream to the terminal; with --output json they are collected into the one document
 * on stdout. Compose failing is a failure (exit 3), not a quiet 0.
 */
export async function logs(options: LogsOptions, ctx: CommandContext): Promise<LogsResult> {
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
  const json = ctx.reporter.format === 'json';
  if (json && options.follow)
    throw new UsageError('--follow streams for people: it does not go with --output json');
  const args = [
    'logs',
    '--no-color',
    '--tail',
    options.tail ?? '200',
    ...(options.follow ? ['-f'] : []),
    ...services,
  ];
  const result = await runnerFor(project, ctx).run(
    args,
    {},
    { inherit: !json, timeoutMs: options.follow ? 0 : 60_000 },
  );
  if (result.code !== 0) {
    throw new EnvironmentError(
      `compose logs exited with ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim().split('\n').at(-1)}` : ''}`,
      'check that the stack runs (portside status)',
    );
  }
  if (!json) return { app: options.app, services };
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim());
  return { app: options.app, services, lines };
}

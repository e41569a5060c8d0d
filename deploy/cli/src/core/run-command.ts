import { PortsideError, exitCodeOf } from './errors';
import { createReporter, type OutputFormat, type Reporter } from './reporter';

export interface CommandOutcome {
  /** What `--output json` prints. */
  data: unknown;
  /** What a person reads when it is done. */
  summary: string;
}

export interface GlobalOptions {
  output?: OutputFormat;
}

/**
 * The one place where results and errors become output and exit codes.
 * Commands throw typed errors (errors.ts) and never call process.exit themselves.
 */
export async function runCommand(
  options: GlobalOptions,
  command: (reporter: Reporter) => Promise<CommandOutcome>,
): Promise<void> {
  const format: OutputFormat = options.output === 'json' ? 'json' : 'text';
  const reporter = createReporter(format);
  try {
    const outcome = await command(reporter);
    if (format === 'json') process.stdout.write(`${JSON.stringify(outcome.data, null, 2)}\n`);
    else if (outcome.summary) process.stdout.write(`${outcome.summary}\n`);
    process.exitCode = 0;
  } catch (error) {
    process.exitCode = exitCodeOf(error);
    writeError(format, error);
  }
}

function writeError(format: OutputFormat, error: unknown): void {
  const known = error instanceof PortsideError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (format === 'json') {
    const body = {
      error: {
        kind: known?.kind ?? 'unexpected',
        message,
        hint: known?.hint,
        detail: known?.detail,
      },
    };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (known?.detail) process.stderr.write(`${known.detail.trimEnd()}\n`);
  const hint = known?.hint ? ` (${known.hint})` : '';
  process.stderr.write(`portside: ${message}${hint}\n`);
  if (!known && error instanceof Error && process.env.PORTSIDE_DEBUG)
    process.stderr.write(`${error.stack}\n`);
}

/** Progress for people on stderr; in JSON mode only the final document is written, on stdout. */
export type OutputFormat = 'text' | 'json';

export interface Reporter {
  readonly format: OutputFormat;
  /** A step a person wants to follow ("catalog: waiting for health"). */
  progress(message: string): void;
  /** Something went sideways but the command carries on. */
  warn(message: string): void;
}

export function createReporter(
  format: OutputFormat,
  stream: NodeJS.WritableStream = process.stderr,
): Reporter {
  const quiet = format === 'json';
  return {
    format,
    progress: (message) => {
      if (!quiet) stream.write(`  ${message}\n`);
    },
    warn: (message) => {
      if (!quiet) stream.write(`! ${message}\n`);
    },
  };
}

/** A reporter that remembers lines: for tests. */
export function createRecordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    format: 'text',
    lines,
    progress: (message) => lines.push(message),
    warn: (message) => lines.push(`warn: ${message}`),
  };
}

import pino, { type Logger } from 'pino';
import { currentRequestId } from './context';
import { currentTraceIds } from './telemetry';

export type { Logger };

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Where lines go; stdout unless a test wants them. */
  destination?: pino.DestinationStream;
}

/**
 * JSON logs, one line per event, with the current request id on every line, and
 * the trace and span ids while a trace is recorded (to jump from a log line to its trace).
 */
export function createLogger({ name, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        const ids = currentTraceIds();
        return { ...(requestId ? { requestId } : {}), ...ids };
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-admin-token"]',
          '*.cardNumber',
          '*.cvc',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

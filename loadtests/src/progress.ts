/** What runK6 reports while k6 runs. */
export type K6ProgressEvent =
  | { type: 'start'; runner: 'local' | 'docker'; command: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; line: string }
  | {
      type: 'progress';
      elapsedSeconds: number;
      activeVUs: number;
      maxVUs: number;
      completed: number;
      interrupted: number;
    }
  | { type: 'end'; exitCode: number };

/**
 * k6 prints a status line about once a second when not on a terminal, e.g.
 * `running (0m05.0s), 03/10 VUs, 12 complete and 0 interrupted iterations`.
 */
const STATUS =
  /running \((?:(\d+)h)?(\d+)m(\d+(?:\.\d+)?)s\), (\d+)\/(\d+) VUs, (\d+) complete and (\d+) interrupted/;

export function parseProgress(
  line: string,
): Extract<K6ProgressEvent, { type: 'progress' }> | undefined {
  const m = STATUS.exec(line);
  if (!m) return undefined;
  const [, h, min, s, active, max, done, interrupted] = m;
  return {
    type: 'progress',
    elapsedSeconds: Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s),
    activeVUs: Number(active),
    maxVUs: Number(max),
    completed: Number(done),
    interrupted: Number(interrupted),
  };
}

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

/** One line for people: k6's own output as is, the rest described. */
export function formatProgress(event: K6ProgressEvent): string {
  switch (event.type) {
    case 'start':
      return `k6 (${event.runner}): ${event.command}`;
    case 'output':
      return event.line;
    case 'progress':
      return `${event.elapsedSeconds.toFixed(0)}s: ${event.activeVUs}/${event.maxVUs} VUs, ${event.completed} journeys done`;
    case 'end':
      return `k6 exited with ${event.exitCode}`;
  }
}

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

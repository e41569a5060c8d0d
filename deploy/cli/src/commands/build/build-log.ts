import type { EngineEvent } from '../../docker/engine';

const STEP = /^Step \d+\/\d+ : /;
const KEPT_LINES = 40;
/** The classic builder's own chatter, not the step's output. */
const NOISE = /^\s*(---> |Removing intermediate container)/;

/** Follows a classic-builder stream: remembers the current step and its output for error reports. */
export class BuildLog {
  step = '';
  private output: string[] = [];
  error: string | undefined;

  accept(event: EngineEvent): string | undefined {
    if (event.error) {
      this.error = event.errorDetail?.message ?? event.error;
      return undefined;
    }
    const text = event.stream?.trimEnd();
    if (!text) return undefined;
    for (const line of text.split('\n')) {
      if (STEP.test(line)) {
        this.step = line;
        this.output = [];
      } else if (!NOISE.test(line)) {
        this.output.push(line);
        if (this.output.length > KEPT_LINES) this.output.shift();
      }
    }
    return STEP.test(text) ? text : undefined;
  }

  /** The failing step, its last lines of output and the daemon's message. */
  failureReport(): string {
    return [this.step, ...this.output.map((line) => `    ${line}`), this.error ?? '']
      .filter(Boolean)
      .join('\n');
  }
}

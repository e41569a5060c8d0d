/**
 * Every failure the tool expects carries its exit code, so one place (run-command.ts)
 * can turn it into a single clear line and the right status for scripts and CI.
 */
export abstract class PortsideError extends Error {
  abstract readonly exitCode: number;
  abstract readonly kind: string;
  constructor(
    message: string,
    /** What the person can do about it, printed after the message. */
    readonly hint?: string,
    /** Extra output worth showing (a failing build step's log, for example). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: an unknown app, a malformed option. Exit 2. */
export class UsageError extends PortsideError {
  readonly exitCode = 2;
  readonly kind = 'usage';
}

/** The surroundings are missing: Docker down, registry unreachable, no kube context. Exit 3. */
export class EnvironmentError extends PortsideError {
  readonly exitCode = 3;
  readonly kind = 'environment';
}

/** An image did not build. Exit 4. */
export class BuildFailedError extends PortsideError {
  readonly exitCode = 4;
  readonly kind = 'build_failed';
}

/** A rollout did not become healthy and was undone. Exit 5. */
export class RolloutFailedError extends PortsideError {
  readonly exitCode = 5;
  readonly kind = 'rollout_failed';
}

/** A load test ran but its thresholds (SLOs) were missed or it was aborted. Exit 6. */
export class LoadtestFailedError extends PortsideError {
  readonly exitCode = 6;
  readonly kind = 'loadtest_failed';
}

/** Another deploy, rollback, restart or scale holds the target's lock. Exit 7. */
export class TargetLockedError extends PortsideError {
  readonly exitCode = 7;
  readonly kind = 'target_locked';
}

/**
 * SIGINT or SIGTERM stopped a deploy: what it had changed was undone and the release recorded as
 * interrupted. Exit 130 or 143, as a shell reports a process ended by that signal.
 */
export class InterruptedError extends PortsideError {
  readonly exitCode: number;
  readonly kind = 'interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

/** A verified deploy missed its SLOs or regressed against the previous release, and was rolled back. Exit 8. */
export class VerificationFailedError extends PortsideError {
  readonly exitCode = 8;
  readonly kind = 'verification_failed';
}

export const UNEXPECTED_EXIT_CODE = 1;

export function exitCodeOf(error: unknown): number {
  return error instanceof PortsideError ? error.exitCode : UNEXPECTED_EXIT_CODE;
}

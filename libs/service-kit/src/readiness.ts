export type Check = () => Promise<unknown>;

export type CheckState = 'up' | 'down' | 'shutting_down';

export interface ReadinessReport {
  ready: boolean;
  /** True when an optional dependency is down: the instance serves, with less. */
  degraded: boolean;
  checks: Record<string, CheckState>;
}

export interface ReadinessOptions {
  /** Dependencies the instance can serve without (e.g. a cache): reported, never failing. */
  optional?: Record<string, Check>;
  /** A check slower than this counts as down. */
  timeoutMs?: number;
}

/**
 * What /readyz reports: every required dependency answers and shutdown has
 * not begun. Optional dependencies are reported but keep the instance in
 * rotation, so a cache outage does not take the whole service away.
 */
export class Readiness {
  private draining = false;
  private readonly optional: Record<string, Check>;
  private readonly timeoutMs: number;

  constructor(
    private readonly required: Record<string, Check> = {},
    options: ReadinessOptions = {},
  ) {
    this.optional = options.optional ?? {};
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  /** Called first on SIGTERM: from now on the instance reports not ready. */
  beginShutdown(): void {
    this.draining = true;
  }

  get shuttingDown(): boolean {
    return this.draining;
  }

  async report(): Promise<ReadinessReport> {
    const [required, optional] = await Promise.all([
      this.run(this.required),
      this.run(this.optional),
    ]);
    const checks: Record<string, CheckState> = { ...required, ...optional };
    if (this.draining) checks.server = 'shutting_down';
    return {
      ready: !this.draining && Object.values(required).every((s) => s === 'up'),
      degraded: Object.values(optional).some((s) => s !== 'up'),
      checks,
    };
  }

  private async run(checks: Record<string, Check>): Promise<Record<string, CheckState>> {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), this.timeoutMs);
          return [name, 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type Check = () => Promise<unknown>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'up' | 'down' | 'shutting_down'>;
}

/**
 * What /readyz reports: every dependency answers and shutdown has not begun.
 * Each check is bounded by a timeout so a hung dependency reads as down.
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly checks: Record<string, Check> = {},
    private readonly timeoutMs = 1000,
  ) {}

  /** Called first on SIGTERM: from now on the instance reports not ready. */
  beginShutdown(): void {
    this.draining = true;
  }

  get shuttingDown(): boolean {
    return this.draining;
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), this.timeoutMs);
          return [name, 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const checks: ReadinessReport['checks'] = Object.fromEntries(entries);
    if (this.draining) checks.server = 'shutting_down';
    const ready = !this.draining && entries.every(([, state]) => state === 'up');
    return { ready, checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

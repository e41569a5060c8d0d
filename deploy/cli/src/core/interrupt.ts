import { InterruptedError } from './errors';

/**
 * SIGINT/SIGTERM during a deploy, rollback, restart or scale: the waits of the rollout end at once
 * and throw InterruptedError, so the rollout's own failure path undoes what it changed and the
 * release is recorded; the waits of that undo are not cut short (`uninterrupted`). One terminal Ctrl-C
 * reaches both bin/portside.mjs (which forwards it) and this process: signals closer together than
 * DEBOUNCE_MS count once. A third signal leaves at once, undoing nothing more.
 */
const DEBOUNCE_MS = 500;

class Interruption {
  signal: NodeJS.Signals | undefined;
  private count = 0;
  private lastAt = 0;
  private undoDepth = 0;
  private readonly wakers = new Set<() => void>();

  /** Throws when a signal came and no undo is running. */
  check(): void {
    if (this.signal && this.undoDepth === 0) throw new InterruptedError(this.signal);
  }

  /** A pause in a wait loop: ends early on a signal, then throws (outside an undo). */
  async sleep(ms: number): Promise<void> {
    this.check();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
    this.check();
  }

  /** Runs an undo (or a step that must not stop halfway) to its end even though a signal came. */
  async uninterrupted<T>(work: () => Promise<T>): Promise<T> {
    this.undoDepth += 1;
    try {
      return await work();
    } finally {
      this.undoDepth -= 1;
    }
  }

  /** Installs the handlers for the duration of `work`. */
  async during<T>(onSignal: (message: string) => void, work: () => Promise<T>): Promise<T> {
    const handler = (signal: NodeJS.Signals) => {
      const now = Date.now();
      if (now - this.lastAt < DEBOUNCE_MS) return;
      this.lastAt = now;
      this.count += 1;
      this.signal ??= signal;
      if (this.count === 1) onSignal(`${signal}: stopping; undoing what this run changed`);
      else if (this.count === 2) onSignal(`${signal}: still undoing (once more leaves at once)`);
      else process.exit(signal === 'SIGINT' ? 130 : 143);
      for (const wake of [...this.wakers]) wake();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    try {
      return await work();
    } finally {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    }
  }
}

/** Signals are per process, and so is this. */
export const interruption = new Interruption();

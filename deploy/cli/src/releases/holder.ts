import os from 'node:os';
import { z } from 'zod';

/** Who holds a target's lock: enough to name them, and to tell on their own host whether they still run. */
export const lockHolder = z.object({
  user: z.string(),
  host: z.string(),
  pid: z.number(),
  command: z.string(),
  since: z.string(),
});

export type LockHolder = z.infer<typeof lockHolder>;

/** The user's name; a uid without a passwd entry (some containers) has none. */
export function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

export function thisProcess(command: string): LockHolder {
  return {
    user: userName(),
    host: os.hostname(),
    pid: process.pid,
    command,
    since: new Date().toISOString(),
  };
}

export const describeHolder = (holder: LockHolder) =>
  `${holder.user}@${holder.host} (pid ${holder.pid}, portside ${holder.command}) since ${holder.since}`;

/**
 * A holder is known to be gone only when it ran on this very host and its process no longer
 * exists. From another host nothing can be known, so the lock stands until its holder lets go or a
 * person breaks it (`portside unlock`): two deploys can never run at once by a guess.
 */
export function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

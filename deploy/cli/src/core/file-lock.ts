import { open, readFile, unlink } from 'node:fs/promises';

const WAIT_MS = 15;
const GIVE_UP_MS = 30_000;

/**
 * A lock file created exclusively (O_EXCL) beside the file it guards, holding the owner's pid. A
 * lock whose process no longer exists (killed mid-write) is taken over.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ownerIsGone(lockFile)) await unlink(lockFile).catch(() => undefined);
      else if (Date.now() > deadline) throw new Error(`${lockFile} stayed locked for 30s`);
      else await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}

async function ownerIsGone(lockFile: string): Promise<boolean> {
  const pid = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  // Empty: its owner is between creating and writing it.
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

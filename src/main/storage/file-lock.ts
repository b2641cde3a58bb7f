/**
 * A lock shared by every process that writes a store file (the app and the command line): proper-lockfile's
 * lock folder beside the file. Synchronous, so a read-modify-write under it is one step no await can split.
 */
import { lockSync } from 'proper-lockfile';
import { AppError } from '../../shared/errors';

/**
 * A lock older than this is left over from a process that died holding it, and is taken over (a living holder
 * refreshes its lock's time every 5 s, so its lock never gets this old).
 */
const STALE_MS = 10_000;
/**
 * How long a writer waits for another one before giving up; a write holds the lock for milliseconds. Longer
 * than STALE_MS: a lock left by a process killed mid-write is taken over, never reported as a writer at work.
 */
const WAIT_MS = STALE_MS + 2_000;
const RETRY_MS = 10;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function isHeldElsewhere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ELOCKED';
}

/** Runs `work` while holding `<path>.lock`; STORAGE_FAILED if another living process keeps it for over 12 s. */
export function withFileLock<T>(path: string, work: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  let release: () => void;
  for (;;) {
    try {
      release = lockSync(path, { realpath: false, stale: STALE_MS });
      break;
    } catch (error) {
      if (!isHeldElsewhere(error)) {
        throw new AppError('STORAGE_FAILED', `Could not lock ${path}: ${(error as Error).message}`);
      }
      if (Date.now() > deadline) {
        throw new AppError(
          'STORAGE_FAILED',
          `${path} is being changed by another Hookwarden process (the app or the command line). Try again.`,
        );
      }
      // A synchronous pause: the caller's read-modify-write must not yield to the event loop.
      Atomics.wait(sleeper, 0, 0, RETRY_MS);
    }
  }
  try {
    return work();
  } finally {
    release();
  }
}

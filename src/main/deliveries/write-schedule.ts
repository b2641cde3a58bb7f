/**
 * When the delivery log file is written: once changes pause for `afterPauseMs`, and at the latest `atLatestMs`
 * after the first unsaved change. The journal keeps every change safe meanwhile, so the main process is not
 * stalled by rewriting a large file while deliveries keep coming.
 */
import type { Clock } from '../ports';

export interface WriteDelay {
  afterPauseMs: number;
  atLatestMs: number;
}

export const WRITE_DELAY: WriteDelay = { afterPauseMs: 1_000, atLatestMs: 10_000 };

export function createWriteSchedule(write: () => void, clock: Clock, delay: WriteDelay) {
  let timer: NodeJS.Timeout | null = null;
  let firstUnsavedAt = 0;

  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    write();
  };

  return {
    /** Something changed: write after the next pause, unless the first unsaved change is getting too old. */
    changed(): void {
      const now = clock.now().getTime();
      if (timer === null) {
        firstUnsavedAt = now;
        timer = setTimeout(flush, delay.afterPauseMs).unref();
      } else if (now + delay.afterPauseMs <= firstUnsavedAt + delay.atLatestMs) {
        timer.refresh(); // wait for the pause again
      }
    },
    /** Writes now if anything is unsaved. */
    flush,
  };
}

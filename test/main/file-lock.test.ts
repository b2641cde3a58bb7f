/**
 * The lock every store file is written under (src/main/storage/file-lock.ts), with real lock folders: the work
 * runs while `<path>.lock` is held and the lock is given back whatever happens; another holder is waited for, then
 * given up on; a lock left by a process that died is taken over. The 12 s wait runs on a clock the test moves at
 * each pause: the tries are counted, not sat through.
 */
import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { lockSync } from 'proper-lockfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withFileLock } from '../../src/main/storage/file-lock';
import { AppError } from '../../src/shared/errors';
import { tempDir } from '../support/temp';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A store file of a fresh folder; the file itself need not exist (a new profile's first write). */
function storePath(): string {
  return join(tempDir(), 'store.json');
}

/**
 * Each pause between tries (Atomics.wait) returns at once and moves Date.now on by `stepMs`; `onPause` runs at
 * each one. Gives up after 1,000 pauses, so a lock that is never given up on fails the test instead of hanging it.
 */
function pausesOnAMovingClock(stepMs: number, onPause: (pauses: number) => void = () => undefined) {
  const start = Date.now();
  let elapsed = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => start + elapsed);
  return vi.spyOn(Atomics, 'wait').mockImplementation(() => {
    const pauses = vi.mocked(Atomics.wait).mock.calls.length;
    if (pauses > 1_000) throw new Error('still trying after 1,000 pauses');
    elapsed += stepMs;
    onPause(pauses);
    return 'timed-out';
  });
}

function failureOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected withFileLock to fail');
}

describe('withFileLock', () => {
  it('runs the work while <path>.lock is held and returns its result; the lock is gone afterwards', () => {
    const path = storePath();
    const pauses = pausesOnAMovingClock(1_000);
    let heldDuringWork = false;
    expect(
      withFileLock(path, () => {
        heldDuringWork = existsSync(`${path}.lock`);
        return { written: 42 };
      }),
    ).toEqual({ written: 42 });
    expect(heldDuringWork).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(pauses).not.toHaveBeenCalled();
    // Given back for good: the next writer takes it at once.
    expect(withFileLock(path, () => 'again')).toBe('again');
    expect(pauses).not.toHaveBeenCalled();
  });

  it('work that throws: its error comes through, and the lock is given back all the same', () => {
    const path = storePath();
    const broken = new Error('the disk is full');
    expect(() =>
      withFileLock(path, () => {
        throw broken;
      }),
    ).toThrow(broken);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(withFileLock(path, () => 'after the failure')).toBe('after the failure');
  });

  it('a lock another living writer keeps: tried again until the 12 s are over (not at 12 s exactly), then STORAGE_FAILED', () => {
    const path = storePath();
    const release = lockSync(path, { realpath: false });
    try {
      // One second per pause: tries at 0, 1, …, 12 s (not over yet) and 13 s (over). The writer refreshes its
      // lock's time as a living process does, so it never gets old enough to be taken over.
      const pauses = pausesOnAMovingClock(1_000, () => {
        const now = new Date(Date.now());
        utimesSync(`${path}.lock`, now, now);
      });
      const error = failureOf(() => withFileLock(path, () => 'never run'));
      expect(error.code).toBe('STORAGE_FAILED');
      expect(error.message).toBe(
        `${path} is being changed by another Hookwarden process (the app or the command line). Try again.`,
      );
      expect(pauses).toHaveBeenCalledTimes(13);
      // The other writer's lock is left alone.
      expect(existsSync(`${path}.lock`)).toBe(true);
    } finally {
      release();
    }
  });

  it('a lock given back while waiting is taken at the next try', () => {
    const path = storePath();
    const release = lockSync(path, { realpath: false });
    const pauses = pausesOnAMovingClock(10, (count) => {
      if (count === 3) release();
    });
    expect(withFileLock(path, () => 'written after the wait')).toBe('written after the wait');
    expect(pauses).toHaveBeenCalledTimes(3);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('any other failure to lock (here: no such folder) is STORAGE_FAILED at once, without waiting', () => {
    const path = join(tempDir(), 'gone', 'store.json');
    const pauses = pausesOnAMovingClock(1_000);
    const error = failureOf(() => withFileLock(path, () => 'never run'));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toMatch(/^Could not lock .+: ENOENT: no such file or directory/);
    expect(error.message.startsWith(`Could not lock ${path}: `)).toBe(true);
    expect(pauses).not.toHaveBeenCalled();
  });

  it('a lock older than 10 s, left by a process that died holding it, is taken over without waiting', () => {
    const path = storePath();
    mkdirSync(`${path}.lock`);
    const old = new Date(Date.now() - 20_000);
    utimesSync(`${path}.lock`, old, old);
    const pauses = pausesOnAMovingClock(1_000);
    expect(withFileLock(path, () => 'taken over')).toBe('taken over');
    expect(pauses).not.toHaveBeenCalled();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a fresh lock left by a process killed mid-write is waited for until it is 10 s old, then taken over', () => {
    const path = storePath();
    mkdirSync(`${path}.lock`);
    const pauses = pausesOnAMovingClock(1_000);
    expect(withFileLock(path, () => 'taken over')).toBe('taken over');
    // Older than 10 s at the 11th second: not at 10 s exactly.
    expect(pauses).toHaveBeenCalledTimes(11);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

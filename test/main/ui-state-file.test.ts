/**
 * ui-state.json on its own (ui-state-file.ts): what it writes, what a missing, invalid or unreadable file reads
 * as, and the warning each failure leaves (it never stops the app).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { openUiStateFile } from '../../src/main/shell/ui-state-file';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const fileIn = (dir: string) => join(dir, 'ui-state.json');

describe('writing', () => {
  it('writes the state as tab-indented JSON, and nothing beside it', () => {
    const dir = tempDir();
    const store = openUiStateFile(dir, manualClock());
    const state = {
      theme: 'dark' as const,
      window: { x: 1, y: 2, width: 900, height: 700, maximized: false },
    };
    store.write(state);
    expect(readFileSync(fileIn(dir), 'utf8')).toBe(JSON.stringify(state, null, '\t'));
    expect(readdirSync(dir)).toEqual(['ui-state.json']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a failed write warns with the path and the reason, and leaves the old file as it was', () => {
    const dir = tempDir();
    const path = fileIn(dir);
    const old = JSON.stringify({ theme: 'light' });
    writeFileSync(path, old);
    const store = openUiStateFile(dir, manualClock());
    // The temp file it writes first cannot be created: a folder has its name.
    mkdirSync(`${path}.tmp`);
    store.write({ theme: 'dark' });
    expect(warn.mock.calls).toEqual([
      [`[hookwarden] could not save ${path}: EISDIR: illegal operation on a directory, open '${path}.tmp'`],
    ]);
    expect(readFileSync(path, 'utf8')).toBe(old);
    // This run goes on with what it was told.
    expect(store.read()).toEqual({ theme: 'dark' });
  });
});

describe('reading', () => {
  it('a missing file reads as the defaults, quietly, and nothing is moved aside', () => {
    const dir = tempDir();
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'system' });
    expect(warn).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that is no JSON object is moved aside and reported unusable', () => {
    const dir = tempDir();
    const path = fileIn(dir);
    writeFileSync(path, '"a string"');
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'system' });
    const aside = join(dir, 'ui-state.corrupt-2026-03-01T09-00-00-000Z.json');
    expect(warn.mock.calls).toEqual([[`[hookwarden] ${path} could not be used; moved aside to ${aside}`]]);
    expect(readFileSync(aside, 'utf8')).toBe('"a string"');
    expect(existsSync(path)).toBe(false);
  });

  it('one that can neither be used nor moved aside warns, stays where it is, and the defaults apply', () => {
    const dir = tempDir();
    const path = fileIn(dir);
    writeFileSync(path, 'not JSON');
    // A clock with no valid time: the name to move it aside to cannot be made.
    const brokenClock = { now: () => new Date(Number.NaN) };
    expect(openUiStateFile(dir, brokenClock).read()).toEqual({ theme: 'system' });
    expect(warn.mock.calls).toEqual([
      [`[hookwarden] ${path} could not be used nor moved aside: Invalid time value`],
    ]);
    expect(readdirSync(dir)).toEqual(['ui-state.json']);
  });

  it('one that cannot be read is not moved aside: it warns why and the defaults apply', () => {
    const dir = tempDir();
    const path = fileIn(dir);
    mkdirSync(path);
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'system' });
    expect(warn.mock.calls).toEqual([
      [`[hookwarden] Could not read ${path}: EISDIR: illegal operation on a directory, read`],
    ]);
    expect(readdirSync(dir)).toEqual(['ui-state.json']);
  });
});

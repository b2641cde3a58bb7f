/** What every store file needs: read its JSON without trusting it, and move a corrupt one aside (never delete it). */
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ports';
import { StoreFileInvalidError } from './invalid-file';

/** The parsed JSON of `path`, or undefined when there is no file yet. */
export function readJsonFile(path: string): unknown {
  try {
    // Stryker disable next-line StringLiteral: without an encoding JSON.parse gets a Buffer, read as UTF-8 too
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new StoreFileInvalidError(`it is not valid JSON (${error.message})`);
    throw new AppError('STORAGE_FAILED', `Could not read ${path}: ${(error as Error).message}`);
  }
}

/** `<dir>/<name>.<label>-<time>.<extension>`: where a file, or the part of it that cannot be used, is kept. */
export function asidePath(dir: string, name: string, label: string, clock: Clock, extension: string): string {
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${name}.${label}-${stamp}.${extension}`);
}

/** Renames `<dir>/<name>.<extension>` to `<name>.corrupt-<time>.<extension>` and returns the new path. */
export function moveAside(dir: string, name: string, clock: Clock, extension = 'json'): string {
  const target = asidePath(dir, name, 'corrupt', clock, extension);
  renameSync(join(dir, `${name}.${extension}`), target);
  return target;
}

/**
 * Replaces a file that an older version wrote with its migrated content, keeping the original next to it
 * as `<name>.schema-v<old>.backup.json`. The write goes to a temp file first and is renamed into place.
 */
export function replaceMigrated(dir: string, name: string, oldVersion: unknown, data: unknown): void {
  const path = join(dir, `${name}.json`);
  const temp = `${path}.migrating`;
  try {
    copyFileSync(path, join(dir, `${name}.schema-v${String(oldVersion)}.backup.json`));
    writeFileSync(temp, JSON.stringify(data, null, '\t'));
    renameSync(temp, path);
  } catch (error) {
    throw new AppError('STORAGE_FAILED', `Could not update ${path}: ${(error as Error).message}`);
  }
}

/** Reads come from memory; each write replaces the whole file (electron-store writes atomically) or throws. */
export function cachedStore<T>(
  file: { store: T },
  initial: T,
  what: string,
): { read(): T; write(next: T): void } {
  let cache = initial;
  return {
    read: () => cache,
    write(next) {
      try {
        file.store = next;
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Could not save ${what}: ${(error as Error).message}`);
      }
      cache = next;
    },
  };
}

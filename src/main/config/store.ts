/**
 * config.json, shared by the app and the command line: the same schema and migrations (schema.ts) in both, and
 * the file written by electron-store in the app and by `conf` (the library electron-store is built on) in the
 * command line. Every write is a read-modify-write under a lock file, on the file as it is on disk at that
 * moment, so neither process overwrites the other's change. Reads come from memory; refresh() reads the file
 * again when another process has changed it (the app calls it when it sees the file change).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf, { type Options as StoreOptions, type Schema } from 'conf';
import type { Notice } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { configJsonSchema, emptyConfig, parseConfig } from './schema';
import type { Clock } from '../ports';
import type { ConfigData, ConfigStore } from './ports';
import { StoreFileInvalidError } from '../storage/invalid-file';
import { moveAside, readJsonFile, replaceMigrated } from '../storage/store-file';
import { withFileLock } from '../storage/file-lock';

export const CONFIG_NAME = 'config';

/** electron-store's (the app) or conf's (the default) constructor: both write `store` atomically, checked against the JSON schema. */
export type OpenStoreFile = (options: StoreOptions<ConfigData>) => { store: ConfigData };

/** The config store of a running process, which can also notice changes made by another one. */
export interface SharedConfigStore extends ConfigStore {
  /** Reads the file again if another process changed it since; true when what read() answers changed. */
  refresh(): boolean;
}

export interface OpenedConfig {
  store: SharedConfigStore;
  /** The file a corrupt config was moved to on this start, if any. */
  movedAsideTo: string | null;
  notices: Notice[];
}

function storeOptions(dir: string): StoreOptions<ConfigData> {
  const { properties, required } = configJsonSchema as { properties: object; required: string[] };
  return {
    cwd: dir,
    configName: CONFIG_NAME,
    schema: properties as Schema<ConfigData>,
    rootSchema: { required, additionalProperties: false },
    // Never clear a file: one that fails validation is moved aside.
    // Stryker disable next-line BooleanLiteral: unreachable while zod checks first (parseConfig)
    clearInvalidConfig: false,
    // Stryker disable next-line BooleanLiteral: only the whole `.store` is read and written, never a key path
    accessPropertiesByDotNotation: false,
  };
}

/** Which version of the file this process last read or wrote: a different one was written by someone else. */
function versionOf(path: string): string | null {
  try {
    const { ino, size, mtimeMs } = statSync(path);
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

function storageFailure(what: string, error: unknown): AppError {
  return error instanceof AppError
    ? error
    : new AppError('STORAGE_FAILED', `${what}: ${(error as Error).message}`);
}

/**
 * Opens config.json in dir. A file that fails to parse or validate is moved aside (never cleared), the profile
 * starts empty, and a notice says where the file went. A new profile's file is written at once, so its id
 * (which names its keychain items) is the same for every process.
 */
export function openConfigStore(
  dir: string,
  clock: Clock,
  openFile: OpenStoreFile = (options) => new Conf(options),
): OpenedConfig {
  const path = join(dir, `${CONFIG_NAME}.json`);
  let file: { store: ConfigData } | undefined;
  /**
   * The library's object, made at the first write: opening it reads and checks the file once more, and writes
   * `next` when there is no file yet.
   */
  const storeFile = (next: ConfigData) => {
    try {
      file ??= openFile({ ...storeOptions(dir), defaults: next });
      return file;
    } catch (error) {
      throw storageFailure(`Could not open the configuration in ${dir}`, error);
    }
  };
  let cache: ConfigData;
  let seen: string | null = null;

  const save = (next: ConfigData) => {
    try {
      storeFile(next).store = next;
    } catch (error) {
      throw storageFailure('Could not save the configuration', error);
    }
    cache = next;
    seen = versionOf(path);
  };

  /** The file's content now; StoreFileInvalidError when it is corrupt, undefined when there is none. */
  const readFile = (): { data: ConfigData; migrated: boolean; raw: unknown } | undefined => {
    const raw = readJsonFile(path);
    return raw === undefined ? undefined : { ...parseConfig(raw), raw };
  };

  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw storageFailure(`Could not open the configuration in ${dir}`, error);
  }
  let movedAsideTo: string | null = null;
  let notices: Notice[] = [];
  withFileLock(path, () => {
    let found: ReturnType<typeof readFile>;
    try {
      found = readFile();
    } catch (error) {
      if (!(error instanceof StoreFileInvalidError)) throw error;
      movedAsideTo = moveAside(dir, CONFIG_NAME, clock);
      notices = [
        {
          kind: 'config-moved-aside',
          message:
            `Your configuration could not be read (${error.message}). It was moved to ${movedAsideTo} and ` +
            'Hookwarden started empty. Its signing secrets and delivery logs were kept: put the file back as ' +
            `${CONFIG_NAME}.json while Hookwarden is closed to use them again.`,
        },
      ];
    }
    if (!found) return save(emptyConfig());
    // The library checks the file against the current schema when it opens it: migrate it on disk first,
    // keeping the old file as a backup.
    if (found.migrated) {
      const oldVersion = (found.raw as { schemaVersion?: unknown }).schemaVersion ?? 0;
      replaceMigrated(dir, CONFIG_NAME, oldVersion, found.data);
    }
    cache = found.data;
    seen = versionOf(path);
  });

  /** The file as another process may have left it; the cache when it is unchanged or gone. */
  const current = (): ConfigData => {
    if (versionOf(path) === seen) return cache;
    let found: ReturnType<typeof readFile>;
    try {
      found = readFile();
    } catch (error) {
      if (!(error instanceof StoreFileInvalidError)) throw error;
      throw new AppError(
        'STORAGE_FAILED',
        `${path} was changed outside Hookwarden and cannot be read (${error.message}). Nothing was changed.`,
      );
    }
    return found?.data ?? cache;
  };

  const store: SharedConfigStore = {
    read: () => cache,
    update(change) {
      return withFileLock(path, () => {
        const next = change(current());
        save(next);
        return next;
      });
    },
    refresh() {
      const version = versionOf(path);
      if (version === seen || version === null) return false;
      try {
        cache = current();
        seen = version;
        return true;
      } catch (error) {
        // A half-written or broken file: keep what was read last; the next change says what is wrong.
        console.warn('[hookwarden] could not read the changed configuration:', (error as Error).message);
        return false;
      }
    },
  };
  return { store, movedAsideTo, notices };
}

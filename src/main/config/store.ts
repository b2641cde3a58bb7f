import { join } from 'node:path';
import ElectronStore, { type Schema } from 'electron-store';
import type { Notice } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { configJsonSchema, emptyConfig, parseConfig } from './schema';
import type { Clock } from '../ports';
import type { ConfigData, ConfigStore } from './ports';
import { StoreFileInvalidError } from '../storage/invalid-file';
import { cachedStore, moveAside, readJsonFile, replaceMigrated } from '../storage/store-file';

export const CONFIG_NAME = 'config';

export interface OpenedConfig {
  store: ConfigStore;
  /** The file a corrupt config was moved to on this start, if any. */
  movedAsideTo: string | null;
  notices: Notice[];
}

/** `data` is what the file holds, or a new profile's config, which electron-store writes at once. */
function openElectronStore(dir: string, data: ConfigData): ElectronStore<ConfigData> {
  const { properties, required } = configJsonSchema as { properties: object; required: string[] };
  return new ElectronStore<ConfigData>({
    cwd: dir,
    name: CONFIG_NAME,
    schema: properties as Schema<ConfigData>,
    rootSchema: { required, additionalProperties: false },
    defaults: data,
    // Never clear a file: one that fails validation is moved aside. (parseConfig has validated it against the
    // zod schema this JSON Schema is derived from, so electron-store's own check on open does not fail today.)
    // Stryker disable next-line BooleanLiteral: unreachable while zod checks first (see above)
    clearInvalidConfig: false,
    // Stryker disable next-line BooleanLiteral: only the whole `.store` is read and written, never a key path
    accessPropertiesByDotNotation: false,
  });
}

/** Reads and validates the file; throws StoreFileInvalidError when it is corrupt, AppError when unreadable. */
function load(path: string, dir: string): { electronStore: ElectronStore<ConfigData>; data: ConfigData } {
  const raw = readJsonFile(path);
  const { data, migrated } = raw === undefined ? { data: emptyConfig(), migrated: false } : parseConfig(raw);
  // electron-store validates the file against the current schema on open: migrate it on disk first,
  // keeping the old file as a backup.
  if (migrated)
    replaceMigrated(dir, CONFIG_NAME, (raw as { schemaVersion?: unknown }).schemaVersion ?? 0, data);
  let electronStore: ElectronStore<ConfigData>;
  try {
    electronStore = openElectronStore(dir, data);
  } catch (error) {
    const message = (error as Error).message;
    // Stryker disable next-line ConditionalExpression,MethodExpression: unreachable while zod checks first
    if (message.startsWith('Config schema violation')) throw new StoreFileInvalidError(message);
    throw new AppError('STORAGE_FAILED', `Could not open the configuration in ${dir}: ${message}`);
  }
  return { electronStore, data };
}

/**
 * Opens config.json in dir through electron-store. A file that fails to parse or validate is moved aside
 * (never cleared), the app starts empty, and a notice says where the file went.
 */
export function openConfigStore(dir: string, clock: Clock): OpenedConfig {
  const path = join(dir, `${CONFIG_NAME}.json`);
  let movedAsideTo: string | null = null;
  let notices: Notice[] = [];
  let loaded: ReturnType<typeof load>;
  try {
    loaded = load(path, dir);
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
    loaded = load(path, dir);
  }

  const store: ConfigStore = cachedStore(loaded.electronStore, loaded.data, 'the configuration');
  return { store, movedAsideTo, notices };
}

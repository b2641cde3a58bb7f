/**
 * The command line changes the same profile as the running app: this notices its changes to config.json and
 * the delivery records it hands off (deliveries.incoming/), and passes them to the services. Each file's folder
 * is watched, as a file is replaced by a rename on every write; a poll of its stat backs the watch up where
 * folder events are not delivered (network drives), so a change is seen within a second either way.
 */
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CONFIG_NAME, type SharedConfigStore } from './config/store';
import { INCOMING_FOLDER } from './deliveries/hand-off';
import type { Services } from './services';

const POLL_MS = 500;

/** Calls `changed` when the file may have changed (it can be called for nothing); returns the stop function. */
function watchStoreFile(path: string, changed: () => void): () => void {
  const name = basename(path);
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) changed();
    });
    // A folder that goes away ends the folder watch; the poll goes on.
    watcher.on('error', () => watcher?.close());
  } catch (error) {
    console.warn('[hookwarden] cannot watch the profile folder:', (error as Error).message);
  }
  watchFile(path, { persistent: false, interval: POLL_MS }, changed);
  return () => {
    watcher?.close();
    unwatchFile(path, changed);
  };
}

/** Returns the function that stops watching. */
export function watchProfile(dataDir: string, config: SharedConfigStore, services: Services): () => void {
  const stops = [
    watchStoreFile(join(dataDir, `${CONFIG_NAME}.json`), () => {
      if (config.refresh()) services.app.configChanged();
    }),
    watchStoreFile(join(dataDir, INCOMING_FOLDER), () => services.app.foldHandedOffDeliveries()),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Notices when another process (the command line) replaces config.json: its folder is watched, as the file is
 * replaced by a rename on every write. A poll of the file's stat backs the watch up where folder events are
 * not delivered (network drives), so a change is seen within a second either way.
 */
import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const POLL_MS = 500;

/** Calls `changed` when the file may have changed (it can be called for nothing); returns the stop function. */
export function watchStoreFile(path: string, changed: () => void): () => void {
  const name = basename(path);
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) changed();
    });
    // A folder that goes away ends the folder watch; the poll goes on.
    watcher.on('error', () => watcher?.close());
  } catch (error) {
    console.warn('[hookwarden] cannot watch the configuration folder:', (error as Error).message);
  }
  watchFile(path, { persistent: false, interval: POLL_MS }, changed);
  return () => {
    watcher?.close();
    unwatchFile(path, changed);
  };
}

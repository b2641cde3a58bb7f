/**
 * The command line changes the same profile as the running app: this notices its changes to config.json and
 * the delivery records it hands off (deliveries.incoming/), and passes them to the services.
 */
import { join } from 'node:path';
import { CONFIG_NAME, type SharedConfigStore } from './config/store';
import { INCOMING_FOLDER } from './deliveries/hand-off';
import type { Services } from './services';
import { watchStoreFile } from './storage/watch-file';

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

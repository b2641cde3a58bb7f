/** The config area's port: the persisted configuration, which every use case reads and writes. */
import type { Settings, StoredTemplate } from '../../shared/delivery';
import type { Api, Webhook } from '../../shared/domain';

export type ConfigData = {
  schemaVersion: number;
  /** This data folder's own id: its keychain items are named `<profileId>/<webhookId>` (see keychain/profile-secrets.ts). */
  profileId: string;
  /** True until the items of an older version (named by the bare webhook id) are copied to this profile's names. */
  keychainMigrationPending: boolean;
  apis: Api[];
  webhooks: Webhook[];
  /** Test payload templates saved per API version. */
  templates: StoredTemplate[];
  settings: Settings;
};

/**
 * The persisted configuration. update() is a read-modify-write of the whole file, atomic and under a lock shared
 * with the other processes using the profile: `change` gets the config as it is on disk at that moment, and what
 * it returns replaces everything, or STORAGE_FAILED is thrown and nothing changed.
 */
export interface ConfigStore {
  read(): ConfigData;
  update(change: (current: ConfigData) => ConfigData): ConfigData;
}

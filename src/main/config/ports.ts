/** The config area's port: the persisted configuration, which every use case reads and writes. */
import type { Settings, StoredTemplate } from '../../shared/delivery';
import type { Api, Webhook } from '../../shared/domain';

export interface ConfigData {
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
}

/** The persisted configuration. write() is atomic: it either replaces everything or throws STORAGE_FAILED. */
export interface ConfigStore {
  read(): ConfigData;
  write(next: ConfigData): void;
}

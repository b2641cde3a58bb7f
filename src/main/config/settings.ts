/** App settings kept in the config: for now the delivery timeout. */
import type { ParsedInput } from '../../shared/contract';
import type { Settings } from '../../shared/delivery';
import { updateConfig } from './lookups';
import type { ConfigStore } from './ports';

export function createSettingsService(config: ConfigStore) {
  return {
    get(): Settings {
      return config.read().settings;
    },

    update(changes: ParsedInput<'settings.update'>): Settings {
      let next: Settings | undefined;
      updateConfig(config, (current) => {
        next = { ...current.settings, ...changes };
        return { ...current, settings: next };
      });
      return next as Settings;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

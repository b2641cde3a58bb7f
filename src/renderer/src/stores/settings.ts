/** App settings kept by main: for now, how long a test delivery waits for an answer. */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/delivery';
import { call } from '../lib/ipc';
import { reportError } from './status';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  update(changes: Settings): Promise<Settings>;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,

  async load() {
    try {
      set({ settings: await call('settings.get'), loaded: true });
    } catch (error) {
      reportError(error); // the defaults stay shown; saving still works
    }
  },

  async update(changes) {
    const settings = await call('settings.update', changes);
    set({ settings, loaded: true });
    return settings;
  },
}));

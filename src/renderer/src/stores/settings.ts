/** App settings kept by main: for now, how long a test delivery waits for an answer. */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  /** The settings as main holds them (read or just saved). */
  received(settings: Settings): void;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  received: (settings) => set({ settings, loaded: true }),
}));

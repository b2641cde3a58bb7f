/** App-wide conditions main reports: the keychain's state and the startup notices. */
import { create } from 'zustand';
import type { Notice } from '../../../shared/domain';
import { call } from '../lib/ipc';
import { toUiError, type UiError } from '../lib/errors';

interface StatusState {
  keychain: { available: true } | { available: false; message: string };
  checkingKeychain: boolean;
  /** Notices other than the keychain's (that one becomes the banner). */
  notices: Notice[];
  loadNotices(): Promise<void>;
  dismissNotice(notice: Notice): void;
  /** Asks main again; returns true when the keychain answers. */
  checkKeychain(): Promise<boolean>;
  /** Every failed call passes through here, so a keychain failure anywhere raises the banner. */
  noteError(error: UiError): void;
}

export const useStatus = create<StatusState>()((set) => ({
  keychain: { available: true },
  checkingKeychain: false,
  notices: [],

  async loadNotices() {
    try {
      const notices = await call('app.notices');
      const keychainNotice = notices.find((notice) => notice.kind === 'keychain-unavailable');
      set({
        notices: notices.filter((notice) => notice.kind !== 'keychain-unavailable'),
        ...(keychainNotice && { keychain: { available: false, message: keychainNotice.message } }),
      });
    } catch {
      // Notices are a courtesy: the page works without them.
    }
  },

  dismissNotice: (notice) => set((state) => ({ notices: state.notices.filter((n) => n !== notice) })),

  async checkKeychain() {
    set({ checkingKeychain: true });
    try {
      const status = await call('keychain.check');
      set({ keychain: status });
      return status.available;
    } catch (error) {
      set({ keychain: { available: false, message: toUiError(error).message } });
      return false;
    } finally {
      set({ checkingKeychain: false });
    }
  },

  noteError(error) {
    if (error.code === 'KEYCHAIN_UNAVAILABLE')
      set({ keychain: { available: false, message: error.message } });
  },
}));

/** Converts a thrown error for display and lets the status store react to it. */
export function reportError(error: unknown): UiError {
  const uiError = toUiError(error);
  useStatus.getState().noteError(uiError);
  return uiError;
}

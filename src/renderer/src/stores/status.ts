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
  /** Notices the user dismissed, so a later update from main does not bring them back. */
  dismissed: Set<string>;
  loadNotices(): Promise<void>;
  /** Shows main's current notices (from app.notices or its app.noticesChanged event). */
  showNotices(notices: Notice[]): void;
  dismissNotice(notice: Notice): void;
  /** "Remove them" on the notice of secrets that belong to no webhook. */
  removeOrphanSecrets(): Promise<{ removed: number }>;
  /** Asks main again; returns true when the keychain answers. */
  checkKeychain(): Promise<boolean>;
  /** Every failed call passes through here, so a keychain failure anywhere raises the banner. */
  noteError(error: UiError): void;
}

const noticeKey = (notice: Notice) => `${notice.kind}\n${notice.message}`;

export const useStatus = create<StatusState>()((set, get) => ({
  keychain: { available: true },
  checkingKeychain: false,
  notices: [],
  dismissed: new Set(),

  async loadNotices() {
    try {
      get().showNotices(await call('app.notices'));
    } catch {
      // Notices are a courtesy: the page works without them.
    }
  },

  showNotices(notices) {
    const keychainNotice = notices.find((notice) => notice.kind === 'keychain-unavailable');
    set((state) => ({
      notices: notices.filter(
        (notice) => notice.kind !== 'keychain-unavailable' && !state.dismissed.has(noticeKey(notice)),
      ),
      keychain: keychainNotice ? { available: false, message: keychainNotice.message } : state.keychain,
    }));
  },

  dismissNotice: (notice) =>
    set((state) => ({
      notices: state.notices.filter((n) => n !== notice),
      dismissed: new Set([...state.dismissed, noticeKey(notice)]),
    })),

  removeOrphanSecrets: () => call('keychain.removeOrphans'),

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

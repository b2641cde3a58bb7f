/**
 * App-wide conditions main reports: the keychain's state and the startup notices. Asking main about them:
 * features/notices/actions.ts.
 */
import { create } from 'zustand';
import type { KeychainStatus, Notice } from '../../../shared/domain';
import { toUiError, type UiError } from '../lib/errors';

interface StatusState {
  keychain: KeychainStatus;
  checkingKeychain: boolean;
  /** Notices other than the keychain's (that one becomes the banner). */
  notices: Notice[];
  /** Notices the user dismissed, so a later update from main does not bring them back. */
  dismissed: Set<string>;
  /** Shows main's current notices (from app.notices or its app.noticesChanged event). */
  showNotices(notices: Notice[]): void;
  dismissNotice(notice: Notice): void;
  /** A keychain check started (true) or ended (false). */
  checking(checking: boolean): void;
  /** What the keychain check found. */
  keychainChecked(keychain: KeychainStatus): void;
  /** Every failed call passes through here, so a keychain failure anywhere raises the banner. */
  noteError(error: UiError): void;
}

const noticeKey = (notice: Notice) => `${notice.kind}\n${notice.message}`;

export const useStatus = create<StatusState>()((set) => ({
  keychain: { available: true },
  checkingKeychain: false,
  notices: [],
  dismissed: new Set(),

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

  checking: (checking) => set({ checkingKeychain: checking }),

  keychainChecked: (keychain) => set({ keychain }),

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

/** What the banners and notices do: ask main about its notices and the keychain, and tell the user. */
import { call, subscribe } from '../../lib/ipc';
import { plural } from '../../lib/plural';
import { toUiError } from '../../lib/errors';
import { useStatus } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { refreshWebhooks } from '../webhooks/actions';

export async function loadNotices(): Promise<void> {
  try {
    useStatus.getState().showNotices(await call('app.notices'));
  } catch {
    // Notices are a courtesy: the page works without them.
  }
}

/**
 * Shows main's notices as they change. The keychain check finishes after the first screen: its notices, and
 * which secrets are missing, arrive then.
 */
export function followNotices(): () => void {
  return subscribe('app.noticesChanged', ({ notices }) => {
    useStatus.getState().showNotices(notices);
    void refreshWebhooks();
  });
}

/** "Try again": asks main again; resolves true when the keychain answers. */
export async function checkKeychain(): Promise<boolean> {
  useStatus.getState().checking(true);
  try {
    const status = await call('keychain.check');
    useStatus.getState().keychainChecked(status);
    if (status.available) toast('The keychain is available again.');
    return status.available;
  } catch (error) {
    useStatus.getState().keychainChecked({ available: false, message: toUiError(error).message });
    return false;
  } finally {
    useStatus.getState().checking(false);
  }
}

/** "Remove them" on the notice of secrets that belong to no webhook. */
export async function removeOrphanSecrets(): Promise<void> {
  const { removed } = await call('keychain.removeOrphans');
  toast(`Removed ${plural(removed, 'signing secret', 'signing secrets')} from the keychain.`);
}

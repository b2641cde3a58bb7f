/** What the row's secret buttons do, with the user-facing outcome of each (toast, warning, banner). */
import { formatDuration } from '../../lib/time';
import { copySecret, useSecrets } from '../../stores/secrets';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useWebhooks } from '../../stores/webhooks';

function fail(id: string, error: unknown): void {
  const uiError = reportError(error);
  if (uiError.code === 'SECRET_MISSING') useWebhooks.getState().markSecretMissing(id);
  toast(uiError.message, 'error');
}

export async function toggleReveal(id: string): Promise<void> {
  const secrets = useSecrets.getState();
  if (id in secrets.revealed) {
    secrets.hide(id);
    return;
  }
  await secrets.reveal(id).catch((error: unknown) => fail(id, error));
}

export async function copyToClipboard(id: string): Promise<void> {
  try {
    const clearsAfterMs = await copySecret(id);
    toast(`Copied — the clipboard clears in ${formatDuration(clearsAfterMs)}`);
  } catch (error) {
    fail(id, error);
  }
}

/** The one-click fix for a webhook whose secret is missing from the keychain. */
export async function regenerateMissing(id: string): Promise<void> {
  try {
    await useWebhooks.getState().regenerate(id);
    toast('New signing secret generated. Give it to the receiver.');
  } catch (error) {
    fail(id, error);
  }
}

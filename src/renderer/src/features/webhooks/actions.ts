/**
 * What the Webhooks page's components do: ask main, then update the stores (webhooks, revealed secrets, the
 * selected row) and tell the user how it went.
 */
import type { ChannelInput } from '../../../../shared/contract';
import { SCHEME_LABELS, type SignatureScheme, type WebhookView } from '../../../../shared/domain';
import type { UiError } from '../../lib/errors';
import { call } from '../../lib/ipc';
import { formatDuration } from '../../lib/time';
import { useSecrets } from '../../stores/secrets';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';

/** Reports a failed call about one webhook; a secret found missing from the keychain marks its row. */
export function reportWebhookError(webhookId: string, error: unknown): UiError {
  const uiError = reportError(error);
  if (uiError.code === 'SECRET_MISSING') useWebhooks.getState().markSecretMissing(webhookId);
  return uiError;
}

/** Shows `apiId`'s webhooks (none for null). */
export async function loadWebhooks(apiId: string | null): Promise<void> {
  useWebhooks.getState().loading(apiId);
  if (!apiId) return;
  try {
    useWebhooks.getState().loaded(apiId, await call('webhooks.list', { apiId }));
  } catch (error) {
    if (useWebhooks.getState().apiId === apiId) useWebhooks.getState().failed(reportError(error).message);
  }
}

/** Reads the shown API's webhooks again in place (e.g. once main knows which secrets are missing). */
export async function refreshWebhooks(): Promise<void> {
  const { apiId, status } = useWebhooks.getState();
  if (!apiId || status !== 'ready') return;
  try {
    useWebhooks.getState().refreshed(apiId, await call('webhooks.list', { apiId }));
  } catch {
    // The list on screen stays as it was; the next load shows the error.
  }
}

export async function createWebhook(input: ChannelInput<'webhooks.create'>): Promise<WebhookView> {
  const webhook = await call('webhooks.create', input);
  useWebhooks.getState().added(webhook);
  toast('Webhook created with a new signing secret');
  return webhook;
}

/** Waits for main's answer to a change and shows the updated webhook. */
async function shown(answer: Promise<WebhookView>): Promise<WebhookView> {
  const webhook = await answer;
  useWebhooks.getState().put(webhook);
  return webhook;
}

export async function updateUrl(id: string, url: string): Promise<WebhookView> {
  const webhook = await shown(call('webhooks.updateUrl', { id, url }));
  toast('Endpoint URL saved');
  return webhook;
}

export async function setScheme(id: string, scheme: SignatureScheme): Promise<WebhookView> {
  const webhook = await shown(call('webhooks.setScheme', { id, scheme }));
  toast(`Signature scheme set to ${SCHEME_LABELS[scheme]}`);
  return webhook;
}

/** "Regenerate signing secret" confirmed: a revealed secret is replaced by the new one. */
export async function regenerateSecret(id: string): Promise<void> {
  await shown(call('webhooks.regenerateSecret', { id }));
  toast('Signing secret regenerated. The old one no longer works.');
  await showNewSecret(id).catch(() => undefined);
}

/** The one-click fix for a webhook whose secret is missing from the keychain. */
export async function regenerateMissing(id: string): Promise<void> {
  try {
    await shown(call('webhooks.regenerateSecret', { id }));
    toast('New signing secret generated. Give it to the receiver.');
  } catch (error) {
    toast(reportWebhookError(id, error).message, 'error');
  }
}

/** Deletes the webhook (and its secret, in main); its revealed secret and its Deliveries region go too. */
export async function deleteWebhook(id: string): Promise<void> {
  await call('webhooks.delete', { id });
  useWebhooks.getState().removed(id);
  useSecrets.getState().hide(id);
  if (useUi.getState().selectedWebhookId === id) useUi.getState().selectWebhook(null);
  toast('Webhook deleted');
}

async function revealSecret(id: string): Promise<void> {
  const { secret } = await call('secrets.reveal', { id });
  useSecrets.getState().show(id, secret);
}

/** After a regenerate: a shown secret is replaced by the new one, a hidden one stays hidden. */
async function showNewSecret(id: string): Promise<void> {
  if (!(id in useSecrets.getState().revealed)) return;
  useSecrets.getState().hide(id); // never show the old, now useless value
  await revealSecret(id);
}

/** "Reveal" fetches the secret from main; "Hide" forgets it. */
export async function toggleReveal(id: string): Promise<void> {
  const secrets = useSecrets.getState();
  if (id in secrets.revealed) {
    secrets.hide(id);
    return;
  }
  await revealSecret(id).catch((error: unknown) => toast(reportWebhookError(id, error).message, 'error'));
}

/** Main copies the secret and clears the clipboard later; the renderer never sees it. */
export async function copySecret(id: string): Promise<void> {
  try {
    const { clearsAfterMs } = await call('secrets.copy', { id });
    toast(`Copied — the clipboard clears in ${formatDuration(clearsAfterMs)}`);
  } catch (error) {
    toast(reportWebhookError(id, error).message, 'error');
  }
}

/**
 * What the Webhooks page's components do: ask main, then update the stores (webhooks, revealed secrets, the
 * selected row) and tell the user how it went.
 */
import type { ChannelInput } from '../../../../shared/contract';
import type { WebhookView } from '../../../../shared/domain';
import { SCHEME_LABELS, type SignatureScheme } from '../../../../shared/schemes';
import { AppError } from '../../../../shared/errors';
import { SECRET_ROLES, type SecretRole } from '../../../../shared/secrets';
import { toUiError, type UiError } from '../../lib/errors';
import { call, subscribe } from '../../lib/ipc';
import { formatDuration } from '../../lib/time';
import { secretKey, useSecrets } from '../../stores/secrets';
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

/** A custom header as a form sends it: a secret one's value left out keeps the stored one. */
export type HeaderInput = ChannelInput<'webhooks.setHeaders'>['headers'][number];

/**
 * Creates the webhook, then sets its custom headers (if any). The form checks the headers with main's own rule
 * first, so a refusal after the create is rare; if it happens the webhook stays, without headers, and the error
 * says so.
 */
export async function createWebhook(
  input: ChannelInput<'webhooks.create'>,
  headers: HeaderInput[] = [],
): Promise<WebhookView> {
  let webhook = await call('webhooks.create', input);
  useWebhooks.getState().added(webhook);
  if (headers.length > 0) {
    try {
      webhook = await shown(call('webhooks.setHeaders', { id: webhook.id, headers }));
    } catch (error) {
      throw new AppError(
        'INVALID_INPUT',
        `The webhook was created without its custom headers: ${toUiError(error).message}`,
      );
    }
  }
  toast('Webhook created with a new signing secret');
  return webhook;
}

/** Another webhook of the same API with this version and URL (the URL as main would store it), if any. */
export function sameEndpoint(apiId: string, version: string, url: string): WebhookView | undefined {
  const { byId } = useWebhooks.getState();
  return Object.values(byId).find(
    (webhook) => webhook.apiId === apiId && webhook.version === version && webhook.url === url,
  );
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

/**
 * "Edit details": URL and description in one call; the custom headers in a second one, only when they changed.
 * The dialog closes on the saved row, which shows the change: no toast.
 */
export async function updateDetails(
  id: string,
  details: { url: string; description: string; headers: HeaderInput[] | null },
): Promise<WebhookView> {
  let webhook = await shown(
    call('webhooks.updateDetails', { id, url: details.url, description: details.description }),
  );
  if (details.headers) webhook = await shown(call('webhooks.setHeaders', { id, headers: details.headers }));
  return webhook;
}

/** "Pause webhook" / "Resume webhook": the row's badge shows the new state. */
export async function setPaused(id: string, paused: boolean): Promise<void> {
  try {
    await shown(call('webhooks.setPaused', { id, paused }));
  } catch (error) {
    toast(reportWebhookError(id, error).message, 'error');
  }
}

/** "Change product version": any version of the webhook's API; the row shows the new one. */
export async function changeVersion(id: string, version: string): Promise<WebhookView> {
  return shown(call('webhooks.changeVersion', { id, version }));
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
  hideSecrets(id);
  if (useUi.getState().selectedWebhookId === id) useUi.getState().selectWebhook(null);
  toast('Webhook deleted');
}

/** The secret of `role` fetched from main and shown; the webhook's other secrets are hidden (one at a time). */
async function revealSecret(id: string, role: SecretRole = 'current'): Promise<void> {
  const { secret } = await call('secrets.reveal', role === 'current' ? { id } : { id, role });
  for (const other of SECRET_ROLES) if (other !== role) useSecrets.getState().hide(secretKey(id, other));
  useSecrets.getState().show(secretKey(id, role), secret);
}

/** Forgets every shown secret of the webhook (current, previous, next). */
export function hideSecrets(id: string): void {
  for (const role of SECRET_ROLES) useSecrets.getState().hide(secretKey(id, role));
}

/** After a regenerate or a roll: a shown secret is replaced by the new one, a hidden one stays hidden. */
export async function showNewSecret(id: string): Promise<void> {
  if (!(id in useSecrets.getState().revealed)) return;
  useSecrets.getState().hide(id); // never show the old, now useless value
  await revealSecret(id);
}

/** "Reveal" fetches the secret (the current one, or a rotation's previous or next) from main; "Hide" forgets it. */
export async function toggleReveal(id: string, role: SecretRole = 'current'): Promise<void> {
  const secrets = useSecrets.getState();
  const key = secretKey(id, role);
  if (key in secrets.revealed) {
    secrets.hide(key);
    return;
  }
  await revealSecret(id, role).catch((error: unknown) =>
    toast(reportWebhookError(id, error).message, 'error'),
  );
}

/** Main copies the secret and clears the clipboard later; the renderer never sees it. */
export async function copySecret(id: string, role: SecretRole = 'current'): Promise<void> {
  try {
    const { clearsAfterMs } = await call('secrets.copy', role === 'current' ? { id } : { id, role });
    toast(`Copied — the clipboard clears in ${formatDuration(clearsAfterMs)}`);
  } catch (error) {
    toast(reportWebhookError(id, error).message, 'error');
  }
}

const changed = new Set<string>();
let scheduled = false;

/** Reads the shown API's webhooks from main and updates the last delivery of the rows that changed. */
async function refreshChanged(): Promise<void> {
  scheduled = false;
  const ids = [...changed];
  changed.clear();
  const { apiId } = useWebhooks.getState();
  if (!apiId) return;
  try {
    const views = await call('webhooks.list', { apiId });
    const wanted = new Set(ids);
    for (const view of views) {
      if (wanted.has(view.id)) useWebhooks.getState().lastDelivered(view.id, view.lastDelivery);
    }
  } catch {
    // The chips stay as they were; the next change or load brings them up to date.
  }
}

/**
 * Keeps each shown row's last-delivery chip live: main says when a webhook's log changed (deliveries.changed),
 * and that row is read again from main (the events of one burst share one read). Only the rows named in the
 * events change, so no other row re-renders. Returns the unsubscribe function.
 */
export function followLastDeliveries(): () => void {
  return subscribe('deliveries.changed', ({ webhookId }) => {
    if (!useWebhooks.getState().byId[webhookId]) return;
    changed.add(webhookId);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void refreshChanged(), 0);
  });
}

/** Main changed webhooks on its own (an overlap ended at its expiry): the shown list is read again. */
export function followWebhookChanges(): () => void {
  return subscribe('webhooks.changed', ({ ids }) => {
    const { byId } = useWebhooks.getState();
    if (!ids.some((id) => byId[id])) return;
    for (const id of ids) useSecrets.getState().hide(secretKey(id, 'previous'));
    void refreshWebhooks();
  });
}

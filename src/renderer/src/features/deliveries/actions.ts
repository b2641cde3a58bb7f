/**
 * What the Deliveries region's components (and the row menu's "Send test delivery") do: read the log, send,
 * redeliver, copy as curl, the test payload and the timeout; each asks main, then updates the stores and
 * tells the user how it went.
 */
import type { PayloadTemplate, SentDelivery } from '../../../../shared/delivery';
import { call, subscribe } from '../../lib/ipc';
import { useDeliveries } from '../../stores/deliveries';
import { useSettings } from '../../stores/settings';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { reportWebhookError } from '../webhooks/actions';
import { logWarningText, outcomeLabel } from './outcome';

let loadSequence = 0;

async function load(webhookId: string): Promise<void> {
  const sequence = ++loadSequence;
  const shown = () => sequence === loadSequence && useDeliveries.getState().webhookId === webhookId;
  try {
    const records = await call('deliveries.list', { webhookId });
    if (shown()) useDeliveries.getState().loaded(records);
  } catch (error) {
    if (shown()) useDeliveries.getState().failed(reportError(error).message);
  }
}

/** Shows `webhookId`'s log (loads it unless it is already shown). */
export async function showDeliveries(webhookId: string | null): Promise<void> {
  const { webhookId: current, status } = useDeliveries.getState();
  if (webhookId !== null && webhookId === current) {
    // Already on its way (a send opened the region a moment ago): keep what arrives meanwhile.
    if (status === 'loading') return;
    // The same log again (the region was closed meanwhile): read it again, keeping what is shown.
    if (status === 'ready') return load(webhookId);
  }
  useDeliveries.getState().showing(webhookId);
  if (webhookId) await load(webhookId);
}

/** Reads the shown log again. */
export async function reloadDeliveries(): Promise<void> {
  const { webhookId } = useDeliveries.getState();
  if (webhookId) await load(webhookId);
}

/** Reloads the shown log whenever main says `webhookId`'s changed (a send, a redelivery, a deleted webhook). */
export function followDeliveries(webhookId: string): () => void {
  return subscribe('deliveries.changed', (payload) => {
    if (payload.webhookId === webhookId) void reloadDeliveries();
  });
}

/** Counts the send as in progress until main answers; shows the record it answers with. */
async function track(sending: () => Promise<SentDelivery>): Promise<SentDelivery> {
  useDeliveries.getState().countSending(1);
  try {
    const sent = await sending();
    useDeliveries.getState().arrived(sent);
    return sent;
  } finally {
    useDeliveries.getState().countSending(-1);
  }
}

/** True when the Deliveries region shows `webhookId`'s log: an answer there opens as its record. */
function shownInRegion(webhookId: string): boolean {
  return useUi.getState().selectedWebhookId === webhookId && useDeliveries.getState().webhookId === webhookId;
}

/**
 * The delivery's real outcome, and apart from it a log that could not be saved — only when the region does not
 * already show them (the record opens there with both).
 */
function report(what: string, sent: SentDelivery): void {
  if (shownInRegion(sent.webhookId)) return;
  toast(`${what}: ${outcomeLabel(sent)}`, sent.outcome === 'success' ? 'success' : 'error');
  if (sent.logWarning !== undefined) toast(logWarningText(sent.logWarning), 'error');
}

function notSent(webhookId: string, error: unknown): void {
  toast(`The test delivery was not sent: ${reportWebhookError(webhookId, error).message}`, 'error');
}

/**
 * "Send test delivery": a paused webhook asks first ("This webhook is paused. Send anyway?"), any other sends
 * at once.
 */
export function requestTestDelivery(webhookId: string, options: { openPanel?: boolean } = {}): void {
  if (useWebhooks.getState().byId[webhookId]?.paused === true) {
    useUi.getState().openDialog('send-paused', webhookId);
    return;
  }
  void sendTestDelivery(webhookId, options);
}

/** Sends at once; with openPanel the webhook's Deliveries region opens too and shows the new record. */
export async function sendTestDelivery(webhookId: string, { openPanel = false } = {}): Promise<void> {
  if (openPanel) {
    useUi.getState().selectWebhook(webhookId);
    void showDeliveries(webhookId);
  }
  try {
    report('Test delivery', await track(() => call('deliveries.send', { webhookId })));
  } catch (error) {
    notSent(webhookId, error);
  }
}

/** "Redeliver": a paused webhook asks first, as a new test delivery does. */
export function requestRedelivery(deliveryId: string, webhookId: string): void {
  if (useWebhooks.getState().byId[webhookId]?.paused === true) {
    useUi.getState().openDialog('send-paused', webhookId, deliveryId);
    return;
  }
  void redeliver(deliveryId, webhookId);
}

export async function redeliver(deliveryId: string, webhookId: string): Promise<void> {
  try {
    report('Redelivered', await track(() => call('deliveries.redeliver', { deliveryId })));
  } catch (error) {
    notSent(webhookId, error);
  }
}

/** What "Copy as curl" says: signed again at copy time (timestamped schemes) or the request as it was sent. */
export const CURL_RESIGNED = 'Copied — signed again now; receivers accept it for about 5 minutes';
export const CURL_AS_SENT = 'Copied as curl — the request exactly as it was sent';

/**
 * Main builds the command (a timestamped scheme signed again now, never the secret) and puts it on the
 * clipboard; the toast says which.
 */
export async function copyAsCurl(deliveryId: string): Promise<void> {
  try {
    const { signedAt } = await call('deliveries.copyAsCurl', { deliveryId });
    toast(signedAt === null ? CURL_AS_SENT : CURL_RESIGNED);
  } catch (error) {
    toast(`Could not copy: ${reportError(error).message}`, 'error');
  }
}

/** An API version, whose test deliveries send its test payload. */
export interface VersionRef {
  apiId: string;
  version: string;
}

export const loadTemplate = (ref: VersionRef): Promise<PayloadTemplate> => call('templates.get', ref);

/** Main checks the JSON again (INVALID_JSON) and stores it as that version's template; `label` names it. */
export async function saveTemplate(ref: VersionRef, json: string, label: string): Promise<PayloadTemplate> {
  const template = await call('templates.save', { ...ref, json });
  toast(`Test payload saved for ${label}`);
  return template;
}

/** Back to the built-in default; answers with a fresh example of it, which the open editor shows (no toast). */
export function resetTemplate(ref: VersionRef): Promise<PayloadTemplate> {
  return call('templates.reset', ref);
}

export async function loadSettings(): Promise<void> {
  try {
    useSettings.getState().received(await call('settings.get'));
  } catch (error) {
    reportError(error); // the defaults stay shown; saving still works
  }
}

/** How long a test delivery waits for an answer; the field shows the saved value (no toast). */
export async function setDeliveryTimeout(seconds: number): Promise<void> {
  useSettings.getState().received(await call('settings.update', { deliveryTimeoutSeconds: seconds }));
}

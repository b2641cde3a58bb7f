/** What "Send test delivery" does, from the row menu or the Deliveries region, with its outcome for the user. */
import type { SentDelivery } from '../../../../shared/delivery';
import { useDeliveries } from '../../stores/deliveries';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { logWarningText, outcomeLabel } from './outcome';

function fail(webhookId: string, error: unknown): void {
  const uiError = reportError(error);
  if (uiError.code === 'SECRET_MISSING') useWebhooks.getState().markSecretMissing(webhookId);
  toast(`The test delivery was not sent: ${uiError.message}`, 'error');
}

/** The delivery's real outcome, and apart from it a log that could not be saved. */
function report(what: string, sent: SentDelivery): void {
  toast(`${what}: ${outcomeLabel(sent)}`, sent.outcome === 'success' ? 'success' : 'error');
  if (sent.logWarning !== undefined) toast(logWarningText(sent.logWarning), 'error');
}

/** Sends at once; with openPanel the webhook's Deliveries region opens too and shows the new record. */
export async function sendTestDelivery(webhookId: string, { openPanel = false } = {}): Promise<void> {
  if (openPanel) {
    useUi.getState().selectWebhook(webhookId);
    void useDeliveries.getState().show(webhookId);
  }
  try {
    report('Test delivery', await useDeliveries.getState().send(webhookId));
  } catch (error) {
    fail(webhookId, error);
  }
}

export async function redeliver(deliveryId: string, webhookId: string): Promise<void> {
  try {
    report('Redelivered', await useDeliveries.getState().redeliver(deliveryId));
  } catch (error) {
    fail(webhookId, error);
  }
}

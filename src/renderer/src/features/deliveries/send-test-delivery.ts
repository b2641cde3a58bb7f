/** What "Send test delivery" does, from the row menu or the Deliveries region, with its outcome for the user. */
import { useDeliveries } from '../../stores/deliveries';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { outcomeLabel } from './outcome';

function fail(webhookId: string, error: unknown): void {
  const uiError = reportError(error);
  if (uiError.code === 'SECRET_MISSING') useWebhooks.getState().markSecretMissing(webhookId);
  toast(`The test delivery was not sent: ${uiError.message}`, 'error');
}

/** Sends at once; with openPanel the webhook's Deliveries region opens too and shows the new record. */
export async function sendTestDelivery(webhookId: string, { openPanel = false } = {}): Promise<void> {
  if (openPanel) {
    useUi.getState().selectWebhook(webhookId);
    void useDeliveries.getState().show(webhookId);
  }
  try {
    const record = await useDeliveries.getState().send(webhookId);
    toast(`Test delivery: ${outcomeLabel(record)}`, record.outcome === 'success' ? 'success' : 'error');
  } catch (error) {
    fail(webhookId, error);
  }
}

export async function redeliver(deliveryId: string, webhookId: string): Promise<void> {
  try {
    const record = await useDeliveries.getState().redeliver(deliveryId);
    toast(`Redelivered: ${outcomeLabel(record)}`, record.outcome === 'success' ? 'success' : 'error');
  } catch (error) {
    fail(webhookId, error);
  }
}

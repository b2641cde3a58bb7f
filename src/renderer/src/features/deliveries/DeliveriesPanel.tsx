import { Send, X } from 'lucide-react';
import { useEffect } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import { subscribe } from '../../lib/ipc';
import { useDeliveries } from '../../stores/deliveries';
import { useUi } from '../../stores/ui';
import { IconButton } from '../common/IconButton';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryList } from './DeliveryList';
import { PayloadDialog } from './PayloadDialog';
import { sendTestDelivery } from './send-test-delivery';
import { TimeoutField } from './TimeoutField';

/** Reloads the shown log whenever main says it changed (a send, a redelivery, a deleted webhook). */
function useDeliveriesChanged(webhookId: string): void {
  useEffect(
    () =>
      subscribe('deliveries.changed', (payload) => {
        if (payload.webhookId === webhookId) void useDeliveries.getState().refresh();
      }),
    [webhookId],
  );
}

/** The region "Deliveries" for the selected webhook: send, edit the payload, the log and one record. */
export function DeliveriesPanel({ webhook }: { webhook: WebhookView }) {
  const sending = useDeliveries((state) => state.sending > 0);
  useDeliveriesChanged(webhook.id);

  useEffect(() => {
    void useDeliveries.getState().show(webhook.id);
  }, [webhook.id]);

  return (
    <section className="deliveries" aria-labelledby="deliveries-heading" data-webhook={webhook.id}>
      <header className="deliveries-header">
        <div className="deliveries-title">
          <h2 id="deliveries-heading">Deliveries</h2>
          <p className="deliveries-target">
            <span className="version-tag">{webhook.version}</span>
            <span className="url-text" title={webhook.url}>
              {webhook.url}
            </span>
            <span className="badge scheme">{SCHEME_LABELS[webhook.scheme]}</span>
          </p>
        </div>
        <div className="deliveries-tools">
          <p className="sending" role="status">
            {sending ? 'Sending…' : ''}
          </p>
          <TimeoutField />
          <PayloadDialog webhook={webhook} />
          <button
            type="button"
            className="button primary"
            aria-busy={sending}
            onClick={() => void sendTestDelivery(webhook.id)}
          >
            <Send aria-hidden size={16} />
            Send test delivery
          </button>
          <IconButton label="Close deliveries" onClick={() => useUi.getState().selectWebhook(null)}>
            <X aria-hidden size={18} />
          </IconButton>
        </div>
      </header>
      <div className="deliveries-body">
        <DeliveryList />
        <DeliveryDetail webhookId={webhook.id} />
      </div>
    </section>
  );
}

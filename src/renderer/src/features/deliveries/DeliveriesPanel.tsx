import { Send, X } from 'lucide-react';
import { useEffect } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { useDeliveries } from '../../stores/deliveries';
import { useUi } from '../../stores/ui';
import { buttonClass } from '../common/button';
import { IconButton } from '../common/IconButton';
import panel from '../common/panel.module.css';
import tags from '../common/tags.module.css';
import text from '../common/text.module.css';
import styles from './DeliveriesPanel.module.css';
import { followDeliveries, sendTestDelivery, showDeliveries } from './actions';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryList } from './DeliveryList';
import { PayloadDialog } from './PayloadDialog';
import { TimeoutField } from './TimeoutField';

/** The region "Deliveries" for the selected webhook: send, edit the payload, the log and one record. */
export function DeliveriesPanel({ webhook }: { webhook: WebhookView }) {
  const sending = useDeliveries((state) => state.sending > 0);
  useEffect(() => followDeliveries(webhook.id), [webhook.id]);

  useEffect(() => {
    void showDeliveries(webhook.id);
  }, [webhook.id]);

  return (
    <section
      className={cx(panel.panel, styles.deliveries)}
      aria-labelledby="deliveries-heading"
      data-webhook={webhook.id}
    >
      <header className={styles.header}>
        <div className={styles.title}>
          <h2 id="deliveries-heading">Deliveries</h2>
          <p className={styles.target}>
            <span className={tags.versionTag}>{webhook.version}</span>
            <span className={text.truncate} title={webhook.url}>
              {webhook.url}
            </span>
            <span className={cx(tags.badge, tags.scheme)}>{SCHEME_LABELS[webhook.scheme]}</span>
          </p>
        </div>
        <div className={styles.tools}>
          <p className={styles.sending} role="status">
            {sending ? 'Sending…' : ''}
          </p>
          <TimeoutField />
          <PayloadDialog webhook={webhook} />
          <button
            type="button"
            className={buttonClass('primary')}
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
      <div className={styles.body}>
        <DeliveryList />
        <DeliveryDetail webhookId={webhook.id} />
      </div>
    </section>
  );
}

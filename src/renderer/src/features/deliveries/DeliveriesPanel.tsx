import { Send, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { useDeliveries } from '../../stores/deliveries';
import { useLayout } from '../../stores/layout';
import { useUi } from '../../stores/ui';
import { buttonClass } from '../common/button';
import { IconButton, iconButtonClass } from '../common/IconButton';
import panel from '../common/panel.module.css';
import tags from '../common/tags.module.css';
import text from '../common/text.module.css';
import styles from './DeliveriesPanel.module.css';
import { followDeliveries, requestTestDelivery, showDeliveries } from './actions';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryList } from './DeliveryList';
import { PayloadDialog } from './PayloadDialog';
import { MIN_DELIVERIES_HEIGHT, Splitter } from './Splitter';
import { TimeoutField } from './TimeoutField';
import { RetriesDialog } from '../retries/RetriesDialog';

/** Scrolls the selected webhook's row into view above the region (when the table has rendered it). */
function revealRow(webhookId: string): void {
  const trigger = document.querySelector(`[data-actions-for="${CSS.escape(webhookId)}"]`);
  const row = trigger?.closest('tr, [role="row"]');
  if (row && typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'nearest' });
}

/** The region "Deliveries" for the selected webhook: send, edit the payload, the log and one record. */
export function DeliveriesPanel({ webhook }: { webhook: WebhookView }) {
  const sending = useDeliveries((state) => state.sending > 0);
  const chosenHeight = useLayout((state) => state.deliveriesHeight);
  const setHeight = useLayout((state) => state.setDeliveriesHeight);
  const region = useRef<HTMLElement>(null);
  // Until the user sizes it, the region takes its default share; the splitter reports what that measures.
  const [measured, setMeasured] = useState(MIN_DELIVERIES_HEIGHT);
  useLayoutEffect(() => {
    if (chosenHeight === null && region.current)
      setMeasured(Math.max(MIN_DELIVERIES_HEIGHT, region.current.getBoundingClientRect().height));
  }, [chosenHeight]);
  useEffect(() => revealRow(webhook.id), [webhook.id, chosenHeight]);
  useEffect(() => followDeliveries(webhook.id), [webhook.id]);

  useEffect(() => {
    void showDeliveries(webhook.id);
  }, [webhook.id]);

  return (
    <section
      ref={region}
      id="deliveries-region"
      className={cx(panel.panel, styles.deliveries)}
      style={
        chosenHeight === null
          ? undefined
          : { flex: `0 1 ${chosenHeight}px`, minHeight: MIN_DELIVERIES_HEIGHT }
      }
      aria-labelledby="deliveries-heading"
      data-webhook={webhook.id}
    >
      <Splitter region={() => region.current} value={chosenHeight ?? measured} onChange={setHeight} />
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
            onClick={() => requestTestDelivery(webhook.id)}
          >
            <Send aria-hidden size={16} />
            Send test delivery
          </button>
        </div>
        <div className={styles.retries}>
          <RetriesDialog webhook={webhook} />
        </div>
        <IconButton
          label="Close deliveries"
          className={cx(iconButtonClass, styles.close)}
          onClick={() => useUi.getState().selectWebhook(null)}
        >
          <X aria-hidden size={18} />
        </IconButton>
      </header>
      <div className={styles.body}>
        <DeliveryList />
        <DeliveryDetail webhookId={webhook.id} />
      </div>
    </section>
  );
}

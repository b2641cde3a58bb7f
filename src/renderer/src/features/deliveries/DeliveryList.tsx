import { CornerDownRight, KeyRound, Repeat, ShieldCheck, Stethoscope } from 'lucide-react';
import type { Delivery } from '../../../../shared/delivery';
import { cx } from '../../lib/cx';
import { useDeliveries } from '../../stores/deliveries';
import { buttonClass } from '../common/button';
import inline from '../common/inline-error.module.css';
import text from '../common/text.module.css';
import { RelativeTime } from '../common/RelativeTime';
import styles from './DeliveryList.module.css';
import { reloadDeliveries } from './actions';
import { StatusChip } from './StatusChip';
import { formatDuration } from '../../lib/time';
import { attemptText } from '../retries/schedule-view';

function DeliveryItem({ record, open }: { record: Delivery; open: boolean }) {
  return (
    <li>
      <button
        type="button"
        className={styles.item}
        aria-current={open || undefined}
        data-delivery={record.id}
        onClick={() => useDeliveries.getState().open(record.id)}
      >
        <StatusChip record={record} />
        <span className={styles.when}>
          <RelativeTime iso={record.sentAt} />
          {record.redeliveryOf && (
            <span className={styles.marker}>
              <CornerDownRight aria-hidden size={12} />
              redelivery
            </span>
          )}
          {record.purpose === 'rotation-test' && (
            <span className={styles.marker}>
              <KeyRound aria-hidden size={12} />
              rotation test
            </span>
          )}
          {record.purpose === 'endpoint-check' && (
            <span className={styles.marker}>
              <Stethoscope aria-hidden size={12} />
              Endpoint check
            </span>
          )}
          {record.purpose === 'security-check' && (
            <span className={styles.marker}>
              <ShieldCheck aria-hidden size={12} />
              Security check
            </span>
          )}
          {record.retry && (
            <span className={styles.marker}>
              <Repeat aria-hidden size={12} />
              {attemptText(record.retry)}
            </span>
          )}
        </span>
        <span className={styles.duration}>{formatDuration(record.durationMs)}</span>
      </button>
    </li>
  );
}

/** The shown webhook's records, newest first; choosing one opens its request and response. */
export function DeliveryList() {
  const status = useDeliveries((state) => state.status);
  const error = useDeliveries((state) => state.error);
  const records = useDeliveries((state) => state.records);
  const openId = useDeliveries((state) => state.openId);

  if (status === 'loading') return <p className={cx(text.muted, styles.note)}>Loading deliveries…</p>;
  if (status === 'error')
    return (
      <div className={cx(inline.inlineError, styles.note)} role="alert">
        <p>The deliveries could not be loaded: {error}</p>
        <button type="button" className={buttonClass()} onClick={() => void reloadDeliveries()}>
          Reload deliveries
        </button>
      </div>
    );
  if (records.length === 0)
    return (
      <p className={cx(text.muted, styles.note)}>
        No test deliveries yet. <strong>Send test delivery</strong> posts a signed example payload to this
        endpoint and records what it answered.
      </p>
    );
  return (
    <ul className={styles.list} aria-label="Delivery records, newest first">
      {records.map((record) => (
        <DeliveryItem key={record.id} record={record} open={record.id === openId} />
      ))}
    </ul>
  );
}

import { CornerDownRight } from 'lucide-react';
import type { Delivery } from '../../../../shared/delivery';
import { useDeliveries } from '../../stores/deliveries';
import { RelativeTime } from '../common/RelativeTime';
import { StatusChip } from './StatusChip';
import { formatMs } from './outcome';

function DeliveryItem({ record, open }: { record: Delivery; open: boolean }) {
  return (
    <li>
      <button
        type="button"
        className="delivery-item"
        aria-current={open || undefined}
        data-delivery={record.id}
        onClick={() => useDeliveries.getState().open(record.id)}
      >
        <StatusChip record={record} />
        <span className="delivery-when">
          <RelativeTime iso={record.sentAt} />
          {record.redeliveryOf && (
            <span className="delivery-redelivery">
              <CornerDownRight aria-hidden size={12} />
              redelivery
            </span>
          )}
        </span>
        <span className="delivery-duration">{formatMs(record.durationMs)}</span>
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

  if (status === 'loading') return <p className="muted deliveries-note">Loading deliveries…</p>;
  if (status === 'error')
    return (
      <div className="inline-error deliveries-note" role="alert">
        <p>The deliveries could not be loaded: {error}</p>
        <button type="button" className="button" onClick={() => void useDeliveries.getState().refresh()}>
          Reload deliveries
        </button>
      </div>
    );
  if (records.length === 0)
    return (
      <p className="muted deliveries-note">
        No test deliveries yet. <strong>Send test delivery</strong> posts a signed example payload to this
        endpoint and records what it answered.
      </p>
    );
  return (
    <ul className="delivery-list" aria-label="Delivery records, newest first">
      {records.map((record) => (
        <DeliveryItem key={record.id} record={record} open={record.id === openId} />
      ))}
    </ul>
  );
}

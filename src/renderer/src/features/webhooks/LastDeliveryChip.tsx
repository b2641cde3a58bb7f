import { CircleCheck, CircleX } from 'lucide-react';
import type { DeliveryFailure } from '../../../../shared/delivery';
import type { LastDelivery } from '../../../../shared/domain';
import { KIND_LABELS } from '../deliveries/outcome';
import { RelativeTime } from '../common/RelativeTime';
import text from '../common/text.module.css';
import { cx } from '../../lib/cx';
import chip from '../common/chip.module.css';
import styles from './LastDeliveryChip.module.css';

/** A row's latest delivery: "200 · 2 min ago" (status and when), or "Failed · Timeout" without a response. */
export function LastDeliveryChip({ last }: { last: LastDelivery }) {
  const success = last.outcome === 'success';
  const Icon = success ? CircleCheck : CircleX;
  return (
    <span
      className={cx(chip.chip, styles.compact)}
      data-tone={success ? 'success' : 'failure'}
      data-last-delivery
    >
      <Icon aria-hidden size={12} />
      <span className={styles.text}>
        <span className={text.srOnly}>Last delivery: </span>
        {last.status !== null ? (
          <>
            {last.status} · <RelativeTime iso={last.sentAt} />
          </>
        ) : (
          `Failed · ${KIND_LABELS[last.failureKind as DeliveryFailure['kind']] ?? 'No response'}`
        )}
      </span>
    </span>
  );
}

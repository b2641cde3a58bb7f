import { CircleCheck, CircleX } from 'lucide-react';
import type { LastDelivery } from '../../../../shared/domain';
import { RelativeTime } from '../common/RelativeTime';
import text from '../common/text.module.css';
import styles from './LastDeliveryChip.module.css';

/** The failure kinds in plain words, as the Deliveries region names them (features/deliveries/outcome.ts). */
const FAILURE_LABELS: Record<string, string> = {
  dns: 'DNS not found',
  refused: 'Connection refused',
  reset: 'Connection reset',
  tls: 'TLS error',
  timeout: 'Timeout',
  redirect: 'Redirect',
  'http-status': 'Non-2xx',
  network: 'Network error',
};

/** A row's latest delivery: "200 · 2 min ago" (status and when), or "Failed · Timeout" without a response. */
export function LastDeliveryChip({ last }: { last: LastDelivery }) {
  const success = last.outcome === 'success';
  const Icon = success ? CircleCheck : CircleX;
  return (
    <span className={styles.chip} data-tone={success ? 'success' : 'failure'} data-last-delivery>
      <Icon aria-hidden size={12} />
      <span className={styles.text}>
        <span className={text.srOnly}>Last delivery: </span>
        {last.status !== null ? (
          <>
            {last.status} · <RelativeTime iso={last.sentAt} />
          </>
        ) : (
          `Failed · ${FAILURE_LABELS[last.failureKind ?? ''] ?? 'No response'}`
        )}
      </span>
    </span>
  );
}

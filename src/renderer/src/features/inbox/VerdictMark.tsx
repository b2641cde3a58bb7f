import { CircleCheck, CircleX, LoaderCircle } from 'lucide-react';
import { useDoctor, verdictKey } from '../../stores/doctor';
import styles from './RequestList.module.css';

/**
 * A request's signature verdict in the list, against the Inbox's "Verify against" choice: valid or invalid in
 * words as well as by icon; nothing until it was checked.
 */
export function VerdictMark({ requestId }: { requestId: string }) {
  const state = useDoctor((store) => store.inboxVerdicts[verdictKey(requestId, store.inboxWebhookId)]);
  if (state?.status === 'loading') {
    return (
      <span className={styles.verdict} title="Checking the signature…">
        <LoaderCircle aria-hidden size={12} />
        <span className={styles.verdictText}>Checking</span>
      </span>
    );
  }
  if (state?.status !== 'ready') return <span className={styles.verdict} />;
  const { valid, summary } = state.diagnosis.report.verdict;
  const Icon = valid ? CircleCheck : CircleX;
  return (
    <span className={styles.verdict} data-valid={valid} title={summary}>
      <Icon aria-hidden size={12} />
      <span className={styles.verdictText}>{valid ? 'Valid' : 'Invalid'}</span>
    </span>
  );
}

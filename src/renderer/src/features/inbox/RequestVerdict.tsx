import { RotateCw } from 'lucide-react';
import { useEffect, useId } from 'react';
import { cx } from '../../lib/cx';
import { useDoctor, verdictKey } from '../../stores/doctor';
import { buttonClass } from '../common/button';
import form from '../common/form.module.css';
import { chooseInboxWebhook, verifyInboxRequest } from '../doctor/actions';
import { DiagnosisView } from '../doctor/DiagnosisView';
import styles from '../doctor/Doctor.module.css';
import { WebhookOptions } from '../doctor/WebhookOptions';

const DETECT = 'detect';

/**
 * The signature doctor's verdict on the chosen request (RequestDetail shows it between the request's facts and
 * its headers): against the webhook chosen in "Verify against", or, by default ("Detect the webhook"), every
 * webhook's secrets, the verdict naming the one that signed it. Asked once per request and choice, when the
 * request is chosen; the findings, the evidence and what was tried come with it.
 */
export function RequestVerdict({ requestId }: { requestId: string }) {
  const webhookId = useDoctor((state) => state.inboxWebhookId);
  const key = verdictKey(requestId, webhookId);
  const verdict = useDoctor((state) => state.inboxVerdicts[key]);
  const id = useId();

  // Asked when the request or the choice changes, and again when the webhooks were read again.
  const asked = verdict !== undefined;
  useEffect(() => {
    if (!asked) void verifyInboxRequest(requestId);
  }, [asked, requestId, webhookId]);

  return (
    <section
      className={styles.inboxVerdict}
      aria-labelledby={`${id}-heading`}
      aria-busy={!verdict || verdict.status === 'loading'}
    >
      <div className={styles.verifyRow}>
        <h3 id={`${id}-heading`} className={styles.heading}>
          Signature
        </h3>
        <div className={styles.verifyField}>
          <label htmlFor={`${id}-against`}>Verify against</label>
          <select
            id={`${id}-against`}
            className={form.control}
            value={webhookId ?? DETECT}
            onChange={(event) =>
              chooseInboxWebhook(event.target.value === DETECT ? null : event.target.value)
            }
          >
            <option value={DETECT}>Detect the webhook</option>
            <WebhookOptions />
          </select>
        </div>
      </div>
      {(!verdict || verdict.status === 'loading') && (
        <p className={styles.checking}>Checking the signature…</p>
      )}
      {verdict?.status === 'error' && (
        <div className={styles.verdictError} role="alert">
          <span>The signature could not be checked: {verdict.error}</span>
          <button
            type="button"
            className={cx(buttonClass('plain', 'small'))}
            onClick={() => void verifyInboxRequest(requestId)}
          >
            <RotateCw aria-hidden size={14} />
            Try again
          </button>
        </div>
      )}
      {verdict?.status === 'ready' && (
        // The Inbox's advice is a note on the request (a body it kept only in part).
        <DiagnosisView diagnosis={verdict.diagnosis} level={4} adviceHeading="Note" />
      )}
    </section>
  );
}

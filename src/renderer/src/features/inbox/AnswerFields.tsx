import { useId, useState, type FormEvent } from 'react';
import {
  DEFAULT_INBOX_RESPONSE,
  INBOX_MAX_DELAY_SECONDS,
  INBOX_RETRY_AFTER_SECONDS,
  INBOX_STATUSES,
  inboxResponseSchema,
  type InboxResponse,
} from '../../../../shared/inbox';
import { firstMessage } from '../../../../shared/zod-issues';
import { cx } from '../../lib/cx';
import { reportError } from '../../stores/status';
import { useInbox } from '../../stores/inbox';
import form from '../common/form.module.css';
import { setInboxResponse } from './actions';
import styles from './InboxControls.module.css';
import { statusLabel } from './request-view';

const optionLabel = (status: number) =>
  status === 503 ? `${statusLabel(status)} + Retry-After` : statusLabel(status);

/** "Each request is answered at once with 200 OK." */
function answerText({ status, delaySeconds }: InboxResponse): string {
  const when = delaySeconds === 0 ? 'at once' : `after ${delaySeconds} s`;
  const retry =
    status === 503 ? `, whose Retry-After asks the sender to wait ${INBOX_RETRY_AFTER_SECONDS} s` : '';
  return `Each request is answered ${when} with ${statusLabel(status)}${retry}.`;
}

/**
 * How the Inbox answers every request: "Answer with" a status (200 by default; 503 with Retry-After) after
 * "Delay (s)" 0–30 s, so a sender's handling of failures and slow receivers can be tried. Each change goes to
 * main at once (the delay on Enter or when left).
 */
export function AnswerFields() {
  const saved = useInbox((state) => state.inbox?.response ?? DEFAULT_INBOX_RESPONSE);
  const [delay, setDelay] = useState(String(saved.delaySeconds));
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  // When main's answer changes (read, or set), the delay field shows it.
  const [shown, setShown] = useState(saved.delaySeconds);
  if (shown !== saved.delaySeconds) {
    setShown(saved.delaySeconds);
    setDelay(String(saved.delaySeconds));
  }

  const save = async (next: InboxResponse) => {
    try {
      await setInboxResponse(next);
      setError(null);
    } catch (caught) {
      setError(reportError(caught).message);
    }
  };

  const commitDelay = async (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = inboxResponseSchema.shape.delaySeconds.safeParse(
      delay.trim() === '' ? Number.NaN : Number(delay),
    );
    if (!parsed.success) {
      setError(firstMessage(parsed.error, 'Enter a whole number of seconds.'));
      return;
    }
    if (parsed.data === saved.delaySeconds) {
      setError(null);
      return;
    }
    await save({ status: saved.status, delaySeconds: parsed.data });
  };

  return (
    <form className={styles.answer} onSubmit={(event) => void commitDelay(event)} noValidate>
      <div className={styles.row}>
        <div className={styles.inline}>
          <label htmlFor={`${id}-status`}>Answer with</label>
          <select
            id={`${id}-status`}
            className={cx(form.control, styles.select)}
            value={saved.status}
            aria-describedby={`${id}-hint`}
            onChange={(event) =>
              void save({
                status: Number(event.target.value) as InboxResponse['status'],
                delaySeconds: saved.delaySeconds,
              })
            }
          >
            {INBOX_STATUSES.map((status) => (
              <option key={status} value={status}>
                {optionLabel(status)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.inline}>
          <label htmlFor={`${id}-delay`}>Delay (s)</label>
          <input
            id={`${id}-delay`}
            className={cx(form.control, styles.delayInput)}
            type="number"
            inputMode="numeric"
            min={0}
            max={INBOX_MAX_DELAY_SECONDS}
            step={1}
            value={delay}
            onChange={(event) => setDelay(event.target.value)}
            onBlur={() => void commitDelay()}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          />
        </div>
      </div>
      <p id={`${id}-hint`} className={styles.note}>
        {answerText(saved)}
      </p>
      {error && (
        <p id={`${id}-error`} className={form.error} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

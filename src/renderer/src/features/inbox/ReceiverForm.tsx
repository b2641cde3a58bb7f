import { Copy, Play, Square, TriangleAlert } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_INBOX_PORT, inboxStartSchema } from '../../../../shared/inbox';
import { firstMessage } from '../../../../shared/zod-issues';
import { cx } from '../../lib/cx';
import { useInbox } from '../../stores/inbox';
import { buttonClass } from '../common/button';
import form from '../common/form.module.css';
import { IconButton } from '../common/IconButton';
import { useSubmit } from '../common/useSubmit';
import { copyInboxAddress, startInbox, stopInbox } from './actions';
import styles from './InboxControls.module.css';

const portOf = (url: string) => new URL(url).port;

/**
 * Where the Inbox listens: "Port" (default 4242), the opt-in to listen on every network interface (with its
 * warning), "Start receiving" / "Stop receiving", why it could not start, and the address to send to.
 */
export function ReceiverForm() {
  const inbox = useInbox((state) => state.inbox);
  const listening = inbox?.listening === true;
  const [port, setPort] = useState(String(DEFAULT_INBOX_PORT));
  const [expose, setExpose] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = useSubmit();
  const id = useId();

  // While main listens, the fields show where (also when the page opens on an Inbox started earlier).
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const url = inbox?.url ?? null;
  if (url !== shownUrl) {
    setShownUrl(url);
    if (url !== null && inbox) {
      setPort(portOf(url));
      setExpose(inbox.exposedToNetwork);
    }
  }

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = inboxStartSchema.safeParse({
      port: port.trim() === '' ? Number.NaN : Number(port),
      exposeToNetwork: expose,
    });
    if (!parsed.success) {
      setInvalid(firstMessage(parsed.error, 'Enter a port from 1024 to 65535.'));
      return;
    }
    setInvalid(null);
    await submit.run(() => startInbox(parsed.data.port, parsed.data.exposeToNetwork));
  };

  const error = invalid ?? submit.error;
  return (
    <form className={styles.receiver} onSubmit={(event) => void start(event)} noValidate>
      <div className={styles.row}>
        <div className={styles.port}>
          <label htmlFor={`${id}-port`}>Port</label>
          <input
            id={`${id}-port`}
            className={cx(form.control, styles.portInput)}
            type="number"
            inputMode="numeric"
            min={1024}
            max={65535}
            step={1}
            value={port}
            disabled={listening}
            onChange={(event) => {
              setPort(event.target.value);
              setInvalid(null);
              submit.clearError();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <label className={styles.expose}>
          <input
            type="checkbox"
            checked={expose}
            disabled={listening}
            onChange={(event) => setExpose(event.target.checked)}
            aria-describedby={expose ? `${id}-exposed` : undefined}
          />
          Listen on all network interfaces
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} className={form.error} role="alert">
          {error}
        </p>
      )}
      {expose && (
        <p id={`${id}-exposed`} className={form.warning}>
          <TriangleAlert aria-hidden size={14} />
          Other machines on your network can then send requests to this Inbox. Only turn this on for a sender
          on another machine you trust.
        </p>
      )}
      <div className={styles.row}>
        {listening ? (
          <button type="button" className={buttonClass()} onClick={() => void stopInbox()}>
            <Square aria-hidden size={14} />
            Stop receiving
          </button>
        ) : (
          // Never disabled while it starts: the one button stays focused as it turns into "Stop receiving".
          <button type="submit" className={buttonClass('primary')}>
            <Play aria-hidden size={14} />
            Start receiving
          </button>
        )}
        {listening && url !== null && (
          <div className={styles.address}>
            <label htmlFor={`${id}-address`}>Receiving at</label>
            <input
              id={`${id}-address`}
              className={cx(form.control, styles.addressInput)}
              value={url}
              readOnly
              size={url.length}
              aria-describedby={`${id}-reach`}
            />
            <IconButton label="Copy address" onClick={() => void copyInboxAddress()}>
              <Copy aria-hidden size={16} />
            </IconButton>
          </div>
        )}
      </div>
      {listening && (
        <p id={`${id}-reach`} className={styles.note}>
          {inbox?.exposedToNetwork
            ? 'Any path. Other machines reach it at this computer’s network address, same port.'
            : 'Any path. Only this computer can reach it.'}
        </p>
      )}
    </form>
  );
}

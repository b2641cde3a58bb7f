import { Eraser, Save } from 'lucide-react';
import { useEffect } from 'react';
import { INBOX_LIMIT } from '../../../../shared/inbox';
import { cx } from '../../lib/cx';
import { plural } from '../../lib/plural';
import { useInbox } from '../../stores/inbox';
import { buttonClass } from '../common/button';
import inline from '../common/inline-error.module.css';
import page from '../common/page.module.css';
import panel from '../common/panel.module.css';
import text from '../common/text.module.css';
import { loadDoctorTargets } from '../doctor/actions';
import { clearInbox, followInbox, loadInbox, saveInbox } from './actions';
import { AnswerFields } from './AnswerFields';
import pageHeader from '../common/page-header.module.css';
import styles from './InboxPage.module.css';
import { ReceiverForm } from './ReceiverForm';
import { RequestDetail } from './RequestDetail';
import { RequestList } from './RequestList';

/** The received requests beside the chosen one, with "Clear". */
function Requests() {
  const count = useInbox((state) => state.requests.length);
  const status = useInbox((state) => state.status);
  const error = useInbox((state) => state.error);
  const listening = useInbox((state) => state.inbox?.listening === true);

  return (
    <section className={cx(panel.panel, styles.requests)} aria-labelledby="inbox-requests-heading">
      <header className={styles.requestsHeader}>
        <h2 id="inbox-requests-heading">Requests</h2>
        <span className={styles.count}>
          {plural(count, 'request', 'requests')}
          {count >= INBOX_LIMIT && ` (the last ${INBOX_LIMIT} are kept)`}
        </span>
        <button
          type="button"
          className={cx(buttonClass('plain', 'small'), styles.firstAction)}
          title="Save the requests to a file, exact bytes and headers"
          disabled={count === 0}
          onClick={() => void saveInbox()}
        >
          <Save aria-hidden size={14} />
          Save requests
        </button>
        <button
          type="button"
          className={buttonClass('plain', 'small')}
          title="Forget every request received so far"
          onClick={() => void clearInbox()}
        >
          <Eraser aria-hidden size={14} />
          Clear
        </button>
      </header>
      {status === 'error' ? (
        <div className={cx(inline.inlineError, styles.note)} role="alert">
          <p>The Inbox could not be read: {error}</p>
          <button type="button" className={buttonClass()} onClick={() => void loadInbox()}>
            Reload
          </button>
        </div>
      ) : count === 0 ? (
        <p className={cx(text.muted, styles.note)}>
          {status === 'loading'
            ? 'Loading requests…'
            : listening
              ? 'Nothing received yet. Requests show here the moment they arrive.'
              : 'No requests. Start receiving, then point a sender at the address shown.'}
        </p>
      ) : (
        <div className={styles.split}>
          <RequestList />
          <RequestDetail />
        </div>
      )}
    </section>
  );
}

/**
 * "Receive webhooks": the Inbox, a local HTTP receiver. Where it listens and how it answers, then what it
 * received, live.
 */
export function InboxPage() {
  useEffect(() => {
    const stop = followInbox();
    void loadInbox();
    // The webhooks "Verify against" offers (each request's verdict is asked when it is chosen).
    void loadDoctorTargets();
    return stop;
  }, []);

  return (
    <section className={page.page} aria-labelledby="inbox-heading">
      <header>
        <p className={pageHeader.eyebrow}>Receive webhooks</p>
        <h1 id="inbox-heading" className={pageHeader.title}>
          Inbox
        </h1>
        <p className={pageHeader.lede}>
          A receiver on this computer: send webhooks here to see exactly what arrives, and choose how it
          answers to try your sender&apos;s retries.
        </p>
      </header>
      <div className={styles.controls}>
        <ReceiverForm />
        <AnswerFields />
      </div>
      <Requests />
    </section>
  );
}

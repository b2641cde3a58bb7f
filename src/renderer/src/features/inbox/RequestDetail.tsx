import { ClipboardCopy } from 'lucide-react';
import { INBOX_BODY_LIMIT, type ReceivedRequest } from '../../../../shared/inbox';
import { cx } from '../../lib/cx';
import { exactTime, shortTime } from '../../lib/time';
import { useSelectedRequest } from '../../stores/inbox';
import { buttonClass } from '../common/button';
import form from '../common/form.module.css';
import text from '../common/text.module.css';
import { copyRequestAsCurl } from './actions';
import { AnswerChip } from './AnswerChip';
import { bodyText, formatBytes } from './request-view';
import message from '../common/http-message.module.css';
import styles from './RequestDetail.module.css';
import { RequestVerdict } from './RequestVerdict';

function Headers({ headers }: { headers: ReceivedRequest['headers'] }) {
  if (headers.length === 0) return <p className={text.muted}>No headers.</p>;
  return (
    <dl className={message.headers}>
      {headers.map(([name, value], index) => (
        // The same name can come twice: the position is the identity.
        <div key={index} className={message.header}>
          <dt>{name}</dt>
          <dd>
            <code>{value}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Body({ request }: { request: ReceivedRequest }) {
  if (request.bodyBytes === 0) return <p className={text.muted}>Empty body.</p>;
  const body = bodyText(request);
  return (
    <>
      {!body.utf8 && (
        <p className={form.warning} data-body-note="not-utf8">
          Not UTF-8 text: the bytes that are not valid UTF-8 show as �, so this is not exactly what was sent.
          Copy as curl sends the exact bytes.
        </p>
      )}
      {request.truncated && (
        <p className={form.warning} data-body-note="truncated">
          Truncated: the body was {formatBytes(request.bodyBytes)}; only the first{' '}
          {formatBytes(INBOX_BODY_LIMIT)} were kept.
        </p>
      )}
      {/* A focusable scroll area, so the keyboard can scroll a long body. */}
      <pre className={message.body} tabIndex={0} aria-label="Body">
        <code>{body.text}</code>
      </pre>
    </>
  );
}

/** The chosen request: what it was, its answer, the signature check's place, its headers in order and its body. */
export function RequestDetail() {
  const request = useSelectedRequest();
  if (!request)
    return (
      <div className={cx(styles.detail, styles.empty)}>
        <p className={text.muted}>Choose a request to see its headers and body exactly as they arrived.</p>
      </div>
    );

  return (
    <article className={styles.detail} aria-label={`Request: ${request.method} ${request.path}`}>
      <div className={styles.top}>
        <p className={styles.start}>
          <code>
            {request.method} {request.path}
          </code>
        </p>
        <button
          type="button"
          className={buttonClass('plain', 'small')}
          title="Copy a curl command that sends this request to the Inbox again (for bash, zsh, Git Bash or WSL)"
          onClick={() => void copyRequestAsCurl(request.id)}
        >
          <ClipboardCopy aria-hidden size={14} />
          Copy as curl
        </button>
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Received</dt>
          <dd>
            <time dateTime={request.receivedAt} title={exactTime(request.receivedAt)}>
              {shortTime(request.receivedAt)}
            </time>
          </dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{request.remoteAddress || 'unknown'}</dd>
        </div>
        <div>
          <dt>Body</dt>
          <dd>{formatBytes(request.bodyBytes)}</dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd>
            <AnswerChip status={request.answeredStatus} />
          </dd>
        </div>
      </dl>
      <RequestVerdict requestId={request.id} />
      <h3 className={message.heading}>Headers</h3>
      <Headers headers={request.headers} />
      <h3 className={message.heading}>Body</h3>
      <Body request={request} />
    </article>
  );
}

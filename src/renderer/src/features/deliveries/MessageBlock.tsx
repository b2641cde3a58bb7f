import { RESPONSE_BODY_LIMIT } from '../../../../shared/delivery';
import { cx } from '../../lib/cx';
import form from '../common/form.module.css';
import text from '../common/text.module.css';
import message from '../common/http-message.module.css';
import styles from './MessageBlock.module.css';
import { prettyBody } from './outcome';

interface Props {
  /** "POST https://…" or "200 OK". */
  startLine: string;
  headers: Record<string, string>;
  body: string;
  truncated?: boolean;
}

/** One HTTP message as recorded: its first line, headers and (pretty-printed when JSON) body. */
export function MessageBlock({ startLine, headers, body, truncated = false }: Props) {
  const entries = Object.entries(headers);
  return (
    <div className={styles.message}>
      <p className={styles.start}>
        <code>{startLine}</code>
      </p>
      <h3 className={message.heading}>Headers</h3>
      {entries.length === 0 ? (
        <p className={text.muted}>No headers.</p>
      ) : (
        <dl className={message.headers}>
          {entries.map(([name, value]) => (
            <div key={name} className={message.header}>
              <dt>{name}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3 className={message.heading}>Body</h3>
      {body === '' ? (
        <p className={text.muted}>Empty body.</p>
      ) : (
        // A focusable scroll area, so the keyboard can scroll a long body.
        <pre className={cx(message.body, styles.bodyScroll)} tabIndex={0} aria-label="Body">
          <code>{prettyBody(body)}</code>
        </pre>
      )}
      {truncated && (
        <p className={form.warning}>
          Truncated: only the first {RESPONSE_BODY_LIMIT / 1024} KiB of the body were kept.
        </p>
      )}
    </div>
  );
}

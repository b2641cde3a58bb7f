import * as Tabs from '@radix-ui/react-tabs';
import { ClipboardCopy, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { SCHEME_LABELS } from '../../../../shared/domain';
import type { Delivery } from '../../../../shared/delivery';
import { signedWithLabel } from '../../../../shared/rotation';
import { cx } from '../../lib/cx';
import { exactTime, shortTime } from '../../lib/time';
import { useOpenDelivery, useOpenLogWarning } from '../../stores/deliveries';
import { buttonClass } from '../common/button';
import text from '../common/text.module.css';
import { DiagnoseDelivery } from '../doctor/DiagnoseDelivery';
import styles from './DeliveryDetail.module.css';
import { copyAsCurl, requestRedelivery } from './actions';
import { MessageBlock } from './MessageBlock';
import { StatusChip } from './StatusChip';
import { formatDuration } from '../../lib/time';
import { logWarningText, outcomeLabel } from './outcome';

function RecordSummary({ record }: { record: Delivery }) {
  return (
    <div className={styles.summary}>
      <StatusChip record={record} />
      <dl className={styles.facts}>
        <div>
          <dt>Sent</dt>
          <dd>
            <time dateTime={record.sentAt} title={exactTime(record.sentAt)}>
              {shortTime(record.sentAt)}
            </time>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(record.durationMs)}</dd>
        </div>
        <div>
          <dt>Scheme</dt>
          <dd>{SCHEME_LABELS[record.scheme]}</dd>
        </div>
        {record.signedWith && (
          <div data-signed-with>
            <dt>Signed with</dt>
            <dd>{signedWithLabel(record.signedWith, record.purpose === 'rotation-test')}</dd>
          </div>
        )}
        <div>
          <dt>Message id</dt>
          <dd>
            <code>{record.messageId}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The open record: outcome, the Request and Response tabs, Diagnose (a refusal), Redeliver and Copy as curl. */
export function DeliveryDetail({ webhookId }: { webhookId: string }) {
  const record = useOpenDelivery();
  const logWarning = useOpenLogWarning();
  const [tab, setTab] = useState('request');
  if (!record)
    return (
      <div className={cx(styles.detail, styles.empty)}>
        <p className={text.muted}>Choose a delivery to see exactly what was sent and what came back.</p>
      </div>
    );

  const { response, error } = record;
  return (
    <article className={styles.detail} aria-label={`Delivery: ${outcomeLabel(record)}`}>
      <div className={styles.header}>
        <RecordSummary record={record} />
        <div className={styles.actions}>
          <DiagnoseDelivery record={record} />
          <button
            type="button"
            className={buttonClass('plain', 'small')}
            title="Send this body and message id again, freshly signed, to the webhook's current URL and scheme"
            onClick={() => requestRedelivery(record.id, webhookId)}
          >
            <RotateCw aria-hidden size={14} />
            Redeliver
          </button>
          <button
            type="button"
            className={buttonClass('plain', 'small')}
            title="Copy a curl command that repeats this exact signed request (for bash, zsh, Git Bash or WSL)"
            onClick={() => void copyAsCurl(record.id)}
          >
            <ClipboardCopy aria-hidden size={14} />
            Copy as curl
          </button>
        </div>
      </div>
      {error && <p className={styles.error}>{error.message}</p>}
      {logWarning !== undefined && <p className={styles.error}>{logWarningText(logWarning)}</p>}
      <Tabs.Root className={styles.tabs} value={tab} onValueChange={setTab}>
        <Tabs.List className={styles.tabList} aria-label="Delivery details">
          <Tabs.Trigger className={styles.tab} value="request">
            Request
          </Tabs.Trigger>
          <Tabs.Trigger className={styles.tab} value="response">
            Response
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="request">
          <MessageBlock
            startLine={`${record.request.method} ${record.request.url}`}
            headers={record.request.headers}
            body={record.request.body}
          />
        </Tabs.Content>
        <Tabs.Content value="response">
          {response ? (
            <MessageBlock
              startLine={`${response.status} ${response.statusText}`.trim()}
              headers={response.headers}
              body={response.body}
              truncated={response.truncated}
            />
          ) : (
            <p className={text.muted}>No response came back. {error?.message}</p>
          )}
        </Tabs.Content>
      </Tabs.Root>
    </article>
  );
}

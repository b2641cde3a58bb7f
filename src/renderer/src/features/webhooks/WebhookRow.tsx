import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { SCHEME_LABELS } from '../../../../shared/domain';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { cx } from '../../lib/cx';
import tags from '../common/tags.module.css';
import text from '../common/text.module.css';
import { RelativeTime } from '../common/RelativeTime';
import { RowActionsMenu } from './RowActionsMenu';
import { SecretCell } from './SecretCell';
import styles from './WebhookTable.module.css';

interface Props {
  id: string;
  /** 1-based position among all rows (the header is row 1), for aria-rowindex in a virtualized table. */
  rowIndex: number;
  top: number;
}

/** One webhook. Subscribes to its own webhook only, so another row's change does not re-render it. */
export const WebhookRow = memo(function WebhookRow({ id, rowIndex, top }: Props) {
  const webhook = useWebhooks((state) => state.byId[id]);
  const selected = useUi((state) => state.selectedWebhookId === id);
  if (!webhook) return null;
  const urlCellId = `webhook-url-${id}`;

  // Clicking the row (not one of its buttons) or Enter on the focused row opens its Deliveries region.
  const select = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('button, a, input')) return;
    useUi.getState().selectWebhook(id);
  };
  const selectByKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
    event.preventDefault();
    useUi.getState().selectWebhook(id);
  };

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={styles.row}
      data-selected={selected || undefined}
      style={{ transform: `translateY(${top}px)` }}
      tabIndex={0}
      aria-selected={selected}
      aria-describedby={urlCellId}
      data-webhook-row={id}
      onClick={select}
      onKeyDown={selectByKey}
    >
      <div role="cell" className={styles.cell}>
        <span className={tags.versionTag}>{webhook.version}</span>
      </div>
      <div role="cell" className={cx(styles.cell, styles.url)}>
        <span id={urlCellId} className={text.truncate} title={webhook.url}>
          {webhook.url}
        </span>
        {webhook.insecure && <span className={cx(tags.badge, tags.warning)}>Insecure (HTTP)</span>}
      </div>
      <div role="cell" className={styles.cell}>
        <span className={cx(text.truncate, styles.scheme)}>{SCHEME_LABELS[webhook.scheme]}</span>
      </div>
      <div role="cell" className={styles.cell}>
        <SecretCell webhookId={id} secretMissing={webhook.secretMissing} describedBy={urlCellId} />
      </div>
      <div role="cell" className={cx(styles.cell, styles.time)}>
        <RelativeTime iso={webhook.createdAt} />
      </div>
      <div role="cell" className={cx(styles.cell, styles.time)}>
        <RelativeTime iso={webhook.updatedAt} />
      </div>
      <div role="cell" className={cx(styles.cell, styles.actions)}>
        <RowActionsMenu webhookId={id} describedBy={urlCellId} />
      </div>
    </div>
  );
});

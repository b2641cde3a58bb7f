import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { SCHEME_LABELS } from '../../../../shared/schemes';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { cx } from '../../lib/cx';
import tags from '../common/tags.module.css';
import text from '../common/text.module.css';
import { RelativeTime } from '../common/RelativeTime';
import { LastDeliveryChip } from './LastDeliveryChip';
import { RowActionsMenu } from './RowActionsMenu';
import { SecretCell } from './SecretCell';
import { UrlText } from './UrlText';
import styles from './WebhookTable.module.css';

interface Props {
  id: string;
  /** 0-based position among the shown rows. */
  index: number;
  top: number;
  /** The grid's one tab stop (roving tabindex). */
  tabbable: boolean;
}

/** One webhook. Subscribes to its own webhook only, so another row's change does not re-render it. */
export const WebhookRow = memo(function WebhookRow({ id, index, top, tabbable }: Props) {
  const webhook = useWebhooks((state) => state.byId[id]);
  const selected = useUi((state) => state.selectedWebhookId === id);
  if (!webhook) return null;
  const urlCellId = `webhook-url-${id}`;

  // Clicking the row (not one of its buttons) or Enter on the focused row or cell opens its Deliveries region.
  const select = (event: MouseEvent) => {
    // React bubbles clicks from the portalled row menu through the row: only the row's own clicks select it.
    if (!event.currentTarget.contains(event.target as Node)) return;
    if ((event.target as HTMLElement).closest('button, a, input')) return;
    useUi.getState().selectWebhook(id);
  };
  const selectByKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter') return;
    if (target !== event.currentTarget && target.getAttribute('role') !== 'gridcell') return;
    event.preventDefault();
    useUi.getState().selectWebhook(id);
  };

  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={styles.row}
      data-selected={selected || undefined}
      style={{ transform: `translateY(${top}px)` }}
      tabIndex={tabbable ? 0 : -1}
      aria-selected={selected}
      aria-describedby={urlCellId}
      data-webhook-row={id}
      data-index={index}
      onClick={select}
      onKeyDown={selectByKey}
    >
      <div role="gridcell" tabIndex={-1} data-col={0} className={cx(styles.cell, styles.version)}>
        <span className={tags.versionTag}>{webhook.version}</span>
      </div>
      <div role="gridcell" tabIndex={-1} data-col={1} className={cx(styles.cell, styles.url)}>
        <div className={styles.urlLine}>
          <UrlText url={webhook.url} fullTextId={urlCellId} />
          {webhook.insecure && <span className={cx(tags.badge, tags.warning)}>Insecure (HTTP)</span>}
          {webhook.paused && (
            <span className={cx(tags.badge, tags.scheme)} data-paused>
              Paused
            </span>
          )}
        </div>
        {(webhook.lastDelivery || webhook.description) && (
          <div className={styles.meta}>
            {webhook.lastDelivery && <LastDeliveryChip last={webhook.lastDelivery} />}
            {webhook.description && (
              <span className={cx(text.truncate, styles.description)} title={webhook.description}>
                {webhook.description}
              </span>
            )}
          </div>
        )}
      </div>
      <div role="gridcell" tabIndex={-1} data-col={2} className={cx(styles.cell, styles.schemeCell)}>
        <span className={cx(text.truncate, styles.scheme)} title={SCHEME_LABELS[webhook.scheme]}>
          {SCHEME_LABELS[webhook.scheme]}
        </span>
      </div>
      <div role="gridcell" tabIndex={-1} data-col={3} className={cx(styles.cell, styles.secretCell)}>
        <SecretCell
          webhookId={id}
          secretMissing={webhook.secretMissing}
          rotation={webhook.rotation}
          describedBy={urlCellId}
        />
      </div>
      <div
        role="gridcell"
        tabIndex={-1}
        data-col={4}
        className={cx(styles.cell, styles.time, styles.updated)}
      >
        <RelativeTime iso={webhook.updatedAt} />
      </div>
      <div role="gridcell" tabIndex={-1} data-col={5} className={cx(styles.cell, styles.actions)}>
        <RowActionsMenu webhookId={id} describedBy={urlCellId} />
      </div>
    </div>
  );
});

import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { SCHEME_LABELS } from '../../../../shared/domain';
import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { RelativeTime } from '../common/RelativeTime';
import { RowActionsMenu } from './RowActionsMenu';
import { SecretCell } from './SecretCell';

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
      className="row"
      data-selected={selected || undefined}
      style={{ transform: `translateY(${top}px)` }}
      tabIndex={0}
      aria-selected={selected}
      aria-describedby={urlCellId}
      data-webhook-row={id}
      onClick={select}
      onKeyDown={selectByKey}
    >
      <div role="cell" className="cell version">
        <span className="version-tag">{webhook.version}</span>
      </div>
      <div role="cell" className="cell url">
        <span id={urlCellId} className="url-text" title={webhook.url}>
          {webhook.url}
        </span>
        {webhook.insecure && <span className="badge warning">Insecure (HTTP)</span>}
      </div>
      <div role="cell" className="cell scheme">
        <span className="scheme-tag">{SCHEME_LABELS[webhook.scheme]}</span>
      </div>
      <div role="cell" className="cell">
        <SecretCell webhookId={id} secretMissing={webhook.secretMissing} describedBy={urlCellId} />
      </div>
      <div role="cell" className="cell time">
        <RelativeTime iso={webhook.createdAt} />
      </div>
      <div role="cell" className="cell time">
        <RelativeTime iso={webhook.updatedAt} />
      </div>
      <div role="cell" className="cell actions">
        <RowActionsMenu webhookId={id} describedBy={urlCellId} />
      </div>
    </div>
  );
});

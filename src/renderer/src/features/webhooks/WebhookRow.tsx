import { memo, type MouseEvent } from 'react';
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

  const select = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('button, a, input')) return;
    useUi.getState().selectWebhook(id);
  };

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className="row"
      data-selected={selected || undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={select}
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

import { useMemo } from 'react';
import { useWebhooks } from '../../stores/webhooks';
import { ActionsMenu } from '../common/ActionsMenu';
import { rotationPhase, rowActions } from './row-actions';

/** A row's "More actions" (…) menu; its items come from rowActions. */
export function RowActionsMenu({ webhookId, describedBy }: { webhookId: string; describedBy: string }) {
  const paused = useWebhooks((state) => state.byId[webhookId]?.paused === true);
  const phase = useWebhooks((state) => rotationPhase(state.byId[webhookId]?.rotation));
  const items = useMemo(
    () => rowActions(paused, phase).map((action) => ({ ...action, select: () => action.select(webhookId) })),
    [webhookId, paused, phase],
  );
  return (
    <ActionsMenu
      label="More actions"
      items={items}
      triggerProps={{ 'aria-describedby': describedBy, 'data-actions-for': webhookId }}
    />
  );
}

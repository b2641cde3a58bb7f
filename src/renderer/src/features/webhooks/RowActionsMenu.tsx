import { useMemo } from 'react';
import { ActionsMenu } from '../common/ActionsMenu';
import { ROW_ACTIONS } from './row-actions';

/** A row's "More actions" (…) menu; its items come from ROW_ACTIONS. */
export function RowActionsMenu({ webhookId, describedBy }: { webhookId: string; describedBy: string }) {
  const items = useMemo(
    () => ROW_ACTIONS.map((action) => ({ ...action, select: () => action.select(webhookId) })),
    [webhookId],
  );
  return (
    <ActionsMenu
      label="More actions"
      items={items}
      triggerProps={{ 'aria-describedby': describedBy, 'data-actions-for': webhookId }}
    />
  );
}

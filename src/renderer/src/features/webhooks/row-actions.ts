/**
 * The items of a row's "More actions" menu, in order; `select` runs when the item is chosen.
 */
import { Pencil, RefreshCw, Send, Signature, Trash2 } from 'lucide-react';
import { sendTestDelivery } from '../deliveries/actions';
import { useUi, type RowDialog } from '../../stores/ui';
import type { MenuAction } from '../common/ActionsMenu';

export interface RowAction extends Omit<MenuAction, 'select'> {
  select(webhookId: string): void;
}

const openDialog = (kind: RowDialog) => (id: string) => useUi.getState().openDialog(kind, id);

export const ROW_ACTIONS: readonly RowAction[] = [
  {
    label: 'Send test delivery',
    icon: Send,
    opensDialog: false,
    select: (id) => void sendTestDelivery(id, { openPanel: true }),
  },
  { label: 'Edit URL', icon: Pencil, opensDialog: true, select: openDialog('edit-url') },
  {
    label: 'Change signature scheme',
    icon: Signature,
    opensDialog: true,
    select: openDialog('scheme'),
  },
  {
    label: 'Regenerate signing secret',
    icon: RefreshCw,
    opensDialog: true,
    select: openDialog('regenerate'),
  },
  { label: 'Delete', icon: Trash2, destructive: true, opensDialog: true, select: openDialog('delete') },
];

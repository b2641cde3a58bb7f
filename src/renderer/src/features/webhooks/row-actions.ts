/**
 * The items of a row's "More actions" menu, in order. A later issue adds an item by adding an entry here
 * ("Send test delivery", "Change signature scheme"); `select` runs when the item is chosen.
 */
import { Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { useUi, type RowDialog } from '../../stores/ui';
import type { MenuAction } from '../common/ActionsMenu';

export interface RowAction extends Omit<MenuAction, 'select'> {
  select(webhookId: string): void;
}

const openDialog = (kind: RowDialog) => (id: string) => useUi.getState().openDialog(kind, id);

export const ROW_ACTIONS: readonly RowAction[] = [
  { label: 'Edit URL', icon: Pencil, opensDialog: true, select: openDialog('edit-url') },
  {
    label: 'Regenerate signing secret',
    icon: RefreshCw,
    opensDialog: true,
    select: openDialog('regenerate'),
  },
  { label: 'Delete', icon: Trash2, destructive: true, opensDialog: true, select: openDialog('delete') },
];

/**
 * The items of a row's "More actions" menu, in order; `select` runs when the item is chosen.
 */
import { FilePen, Layers, Pause, Pencil, Play, RefreshCw, Send, Signature, Trash2 } from 'lucide-react';
import { requestTestDelivery } from '../deliveries/actions';
import { useUi, type RowDialog } from '../../stores/ui';
import type { MenuAction } from '../common/ActionsMenu';
import { setPaused } from './actions';

export interface RowAction extends Omit<MenuAction, 'select'> {
  select(webhookId: string): void;
}

const openDialog = (kind: RowDialog) => (id: string) => useUi.getState().openDialog(kind, id);

/** The menu of a webhook that is (or is not) paused: "Pause webhook" or "Resume webhook". */
export function rowActions(paused: boolean): readonly RowAction[] {
  return [
    {
      label: 'Send test delivery',
      icon: Send,
      // A paused webhook's send asks first, in a dialog.
      opensDialog: paused,
      select: (id) => requestTestDelivery(id, { openPanel: true }),
    },
    { label: 'Edit URL', icon: Pencil, opensDialog: true, select: openDialog('edit-url') },
    { label: 'Edit details', icon: FilePen, opensDialog: true, select: openDialog('edit-details') },
    {
      label: 'Change product version',
      icon: Layers,
      opensDialog: true,
      select: openDialog('change-version'),
    },
    {
      label: 'Change signature scheme',
      icon: Signature,
      opensDialog: true,
      select: openDialog('scheme'),
    },
    paused
      ? { label: 'Resume webhook', icon: Play, opensDialog: false, select: (id) => void setPaused(id, false) }
      : { label: 'Pause webhook', icon: Pause, opensDialog: false, select: (id) => void setPaused(id, true) },
    {
      label: 'Regenerate signing secret',
      icon: RefreshCw,
      opensDialog: true,
      select: openDialog('regenerate'),
    },
    { label: 'Delete', icon: Trash2, destructive: true, opensDialog: true, select: openDialog('delete') },
  ];
}

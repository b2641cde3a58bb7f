/**
 * The items of a row's "More actions" menu, in order; `select` runs when the item is chosen.
 */
import {
  FileCode,
  FilePen,
  KeyRound,
  Layers,
  ListChecks,
  Pause,
  Pencil,
  Play,
  RefreshCw,
  Send,
  ShieldCheck,
  Signature,
  Stethoscope,
  TimerOff,
  Trash2,
} from 'lucide-react';
import type { Rotation } from '../../../../shared/rotation';
import { requestTestDelivery } from '../deliveries/actions';
import { useUi, type RowDialog } from '../../stores/ui';
import type { MenuAction } from '../common/ActionsMenu';
import { setPaused } from './actions';

export interface RowAction extends Omit<MenuAction, 'select'> {
  select(webhookId: string): void;
}

const openDialog = (kind: RowDialog) => (id: string) => useUi.getState().openDialog(kind, id);

/** What the row menu needs to know of a webhook's rotation. */
export type RotationPhase = 'none' | 'guided' | 'overlap' | 'guided-overlap';

export function rotationPhase(rotation: Rotation | undefined): RotationPhase {
  if (!rotation) return 'none';
  if (rotation.phase === 'next') return 'guided';
  return rotation.guided ? 'guided-overlap' : 'overlap';
}

/**
 * The rotation items: "Roll signing secret" (not while a guided rotation waits for its switch: "Continue
 * rotation" reopens it), and during an overlap "End overlap now".
 */
function rotationActions(phase: RotationPhase): RowAction[] {
  const roll: RowAction = {
    label: 'Roll signing secret',
    icon: KeyRound,
    opensDialog: true,
    select: openDialog('roll'),
  };
  const resume: RowAction = {
    label: 'Continue rotation',
    icon: ListChecks,
    opensDialog: true,
    select: openDialog('rotation'),
  };
  const end: RowAction = {
    label: 'End overlap now',
    icon: TimerOff,
    opensDialog: true,
    select: openDialog('end-overlap'),
  };
  switch (phase) {
    case 'none':
      return [roll];
    case 'guided':
      return [resume];
    case 'overlap':
      return [roll, end];
    case 'guided-overlap':
      return [resume, roll, end];
  }
}

/**
 * The menu of a webhook that is (or is not) paused ("Pause webhook" or "Resume webhook"), with the items of its
 * rotation's phase.
 */
export function rowActions(paused: boolean, phase: RotationPhase = 'none'): readonly RowAction[] {
  return [
    {
      label: 'Send test delivery',
      icon: Send,
      // A paused webhook's send asks first, in a dialog.
      opensDialog: paused,
      select: (id) => requestTestDelivery(id, { openPanel: true }),
    },
    { label: 'Check endpoint', icon: Stethoscope, opensDialog: true, select: openDialog('endpoint-check') },
    {
      label: 'Check receiver security',
      icon: ShieldCheck,
      opensDialog: true,
      select: openDialog('receiver-security'),
    },
    { label: 'Receiver code', icon: FileCode, opensDialog: true, select: openDialog('receiver-code') },
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
    ...rotationActions(phase),
    { label: 'Delete', icon: Trash2, destructive: true, opensDialog: true, select: openDialog('delete') },
  ];
}

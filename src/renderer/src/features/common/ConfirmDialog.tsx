import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';
import { buttonClass } from './button';
import dialog from './dialog.module.css';
import { FormError } from './FormError';
import { useSubmit } from './useSubmit';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** Runs the action; the dialog closes when it resolves and shows the error when it throws. */
  onConfirm(): Promise<void>;
  onCloseAutoFocus?: (event: Event) => void;
}

/** A confirmation for an action that cannot be undone. Cancel has the initial focus. */
export function ConfirmDialog(props: Props) {
  const { open, onOpenChange, title, description, confirmLabel, destructive, onConfirm } = props;
  const { pending, error, clearError, run } = useSubmit();

  const changeOpen = (next: boolean) => {
    if (pending) return;
    clearError();
    onOpenChange(next);
  };

  const confirm = async () => {
    if (await run(onConfirm)) onOpenChange(false);
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={changeOpen}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialog.overlay} />
        <AlertDialog.Content className={dialog.dialog} onCloseAutoFocus={props.onCloseAutoFocus}>
          <AlertDialog.Title className={dialog.title}>{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className={dialog.description}>{description}</div>
          </AlertDialog.Description>
          <FormError message={error} />
          <div className={dialog.actions}>
            <AlertDialog.Cancel className={buttonClass()} disabled={pending}>
              Cancel
            </AlertDialog.Cancel>
            <button
              type="button"
              className={buttonClass(destructive ? 'danger' : 'primary')}
              onClick={confirm}
              disabled={pending}
              aria-busy={pending}
            >
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

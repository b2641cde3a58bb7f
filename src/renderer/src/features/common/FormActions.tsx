import * as Dialog from '@radix-ui/react-dialog';
import { buttonClass } from './button';
import dialog from './dialog.module.css';

/** A dialog form's footer: Cancel (closes, keeps nothing) and the submit button. */
export function FormActions({ submitLabel, pending }: { submitLabel: string; pending: boolean }) {
  return (
    <div className={dialog.actions}>
      <Dialog.Close className={buttonClass()} type="button">
        Cancel
      </Dialog.Close>
      <button type="submit" className={buttonClass('primary')} disabled={pending} aria-busy={pending}>
        {submitLabel}
      </button>
    </div>
  );
}

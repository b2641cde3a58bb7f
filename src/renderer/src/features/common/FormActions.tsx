import * as Dialog from '@radix-ui/react-dialog';
import { buttonClass } from './button';
import dialog from './dialog.module.css';

interface Props {
  submitLabel: string;
  pending: boolean;
  /** The submit button takes the focus when shown (a dialog's later step, whose first field is gone). */
  autoFocus?: boolean;
}

/** A dialog form's footer: Cancel (closes, keeps nothing) and the submit button. */
export function FormActions({ submitLabel, pending, autoFocus }: Props) {
  return (
    <div className={dialog.actions}>
      <Dialog.Close className={buttonClass()} type="button">
        Cancel
      </Dialog.Close>
      <button
        type="submit"
        className={buttonClass('primary')}
        disabled={pending}
        aria-busy={pending}
        autoFocus={autoFocus}
      >
        {submitLabel}
      </button>
    </div>
  );
}

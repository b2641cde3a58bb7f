import * as Dialog from '@radix-ui/react-dialog';

/** A dialog form's footer: Cancel (closes, keeps nothing) and the submit button. */
export function FormActions({ submitLabel, pending }: { submitLabel: string; pending: boolean }) {
  return (
    <div className="dialog-actions">
      <Dialog.Close className="button" type="button">
        Cancel
      </Dialog.Close>
      <button type="submit" className="button primary" disabled={pending} aria-busy={pending}>
        {submitLabel}
      </button>
    </div>
  );
}

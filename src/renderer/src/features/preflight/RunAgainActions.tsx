import * as Dialog from '@radix-ui/react-dialog';
import { RotateCw } from 'lucide-react';
import { buttonClass } from '../common/button';
import dialog from '../common/dialog.module.css';

/** A check dialog's buttons: "Done" closes it, "Run again" runs the check once more (not while it runs). */
export function RunAgainActions({ running, onRun }: { running: boolean; onRun: () => void }) {
  return (
    <div className={dialog.actions}>
      <Dialog.Close className={buttonClass()}>Done</Dialog.Close>
      <button
        type="button"
        className={buttonClass('primary')}
        onClick={onRun}
        disabled={running}
        aria-busy={running}
      >
        <RotateCw aria-hidden size={16} />
        Run again
      </button>
    </div>
  );
}

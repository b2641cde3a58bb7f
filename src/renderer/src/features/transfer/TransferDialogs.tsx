import { useTransfer } from '../../stores/transfer';
import { ExportWithSecretsDialog } from './ExportWithSecretsDialog';
import { ImportDialog } from './ImportDialog';

/** The export and import dialogs, opened by the application menu (actions.ts's followMenuCommands). */
export function TransferDialogs() {
  const dialog = useTransfer((state) => state.dialog);
  const close = useTransfer((state) => state.close);
  return (
    <>
      <ExportWithSecretsDialog
        open={dialog?.kind === 'exportWithSecrets'}
        onOpenChange={(open) => !open && close()}
      />
      <ImportDialog picked={dialog?.kind === 'import' ? dialog.file : null} onClose={close} />
    </>
  );
}

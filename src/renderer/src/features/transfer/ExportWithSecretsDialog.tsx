import { TriangleAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH, passphraseSchema } from '../../../../shared/transfer';
import { firstMessage } from '../../../../shared/zod-issues';
import { FormActions } from '../common/FormActions';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { TextField } from '../common/TextField';
import { useSubmit } from '../common/useSubmit';
import { exportWithSecrets } from './actions';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
}

/**
 * "Export with secrets": the passphrase typed twice, then main asks where to save the encrypted file. The
 * passphrase lives only in the form's state, gone when the dialog closes.
 */
export function ExportWithSecretsDialog({ open, onOpenChange }: Props) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Export with secrets"
      description="The configuration and every webhook's signing secret, in a file encrypted with a passphrase (the age format)."
    >
      <PassphraseForm onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function PassphraseForm({ onDone }: { onDone(): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeated, setRepeated] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const submission = useSubmit();

  const checked = passphraseSchema.safeParse(passphrase);
  const passphraseError = checked.success ? null : firstMessage(checked.error, 'Not a valid passphrase.');
  const repeatError = repeated === passphrase ? null : 'The passphrases do not match.';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (passphraseError || repeatError) return;
    // Cancelling main's save dialog ends the export too.
    if (await submission.run(() => exportWithSecrets(passphrase))) onDone();
  };

  return (
    <form className={form.form} onSubmit={submit} noValidate>
      <p className={form.warning}>
        <TriangleAlert aria-hidden size={16} />
        <span>
          This file holds <strong>every signing secret</strong>: anyone with it and its passphrase can sign
          deliveries your receivers accept. Keep the file and the passphrase apart, and safe.
        </span>
      </p>
      <TextField
        label="Passphrase"
        type="password"
        value={passphrase}
        onChange={setPassphrase}
        error={submitted ? passphraseError : null}
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. Whoever imports the file needs it: it cannot be recovered.`}
      />
      <TextField
        label="Repeat passphrase"
        type="password"
        value={repeated}
        onChange={setRepeated}
        error={submitted ? repeatError : null}
      />
      <FormError message={submission.error} />
      <FormActions submitLabel="Export" pending={submission.pending} />
    </form>
  );
}

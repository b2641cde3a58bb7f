import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState, type FormEvent } from 'react';
import type { ImportChoices, ImportPreview, ImportResult } from '../../../../shared/transfer';
import { plural } from '../../lib/plural';
import { buttonClass } from '../common/button';
import dialog from '../common/dialog.module.css';
import { FormActions } from '../common/FormActions';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import text from '../common/text.module.css';
import { TextField } from '../common/TextField';
import { useSubmit } from '../common/useSubmit';
import { reportError } from '../../stores/status';
import type { PickedImport } from '../../stores/transfer';
import { applyImport, previewImport } from './actions';
import { ChoiceGroup } from './ChoiceGroup';
import { NameList } from './NameList';
import styles from './Transfer.module.css';

interface Props {
  /** The file main's open dialog picked; the dialog is open while there is one. */
  picked: PickedImport | null;
  onClose(): void;
}

/**
 * "Import configuration": the passphrase of an encrypted file, then what the import adds, replaces and skips
 * (with the choices main offers), then what it did. Nothing changes before "Import", and then all or nothing.
 */
export function ImportDialog({ picked, onClose }: Props) {
  return (
    <FormDialog
      open={picked !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Import configuration"
      description={picked && <span className={text.breakAll}>{picked.path}</span>}
    >
      {picked && <ImportSteps key={picked.token} picked={picked} />}
    </FormDialog>
  );
}

function ImportSteps({ picked }: { picked: PickedImport }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  if (result) return <ImportDone result={result} />;
  if (preview) return <PreviewForm token={picked.token} preview={preview} onApplied={setResult} />;
  if (picked.encrypted) return <PassphraseForm token={picked.token} onRead={setPreview} />;
  return <PlainFile token={picked.token} onRead={setPreview} />;
}

interface ReadProps {
  token: string;
  onRead(preview: ImportPreview): void;
}

/** A plain file is read at once; the error (not an export, a newer version, corrupt) is shown. */
function PlainFile({ token, onRead }: ReadProps) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    previewImport(token).then(
      (preview) => current && onRead(preview),
      (caught: unknown) => current && setError(reportError(caught).message),
    );
    return () => {
      current = false;
    };
  }, [token, onRead]);
  return (
    <>
      {error === null && <p role="status">Reading the file…</p>}
      <FormError message={error} />
      <div className={dialog.actions}>
        <Dialog.Close className={buttonClass()}>Cancel</Dialog.Close>
      </div>
    </>
  );
}

/** An encrypted file is read once its passphrase is given; a wrong one is said, and asked again. */
function PassphraseForm({ token, onRead }: ReadProps) {
  const [passphrase, setPassphrase] = useState('');
  const reading = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await reading.run(async () => onRead(await previewImport(token, passphrase)));
  };
  return (
    <form className={form.form} onSubmit={submit} noValidate>
      <p>This file is encrypted: give the passphrase it was exported with.</p>
      <TextField
        label="Passphrase"
        type="password"
        value={passphrase}
        onChange={setPassphrase}
        error={null}
      />
      <FormError message={reading.error} />
      <FormActions submitLabel="Continue" pending={reading.pending} />
    </form>
  );
}

/** True when the file brings nothing this configuration does not have already. */
function nothingNew({ apis, webhooks }: ImportPreview): boolean {
  return [apis.added, apis.updated, webhooks.added, webhooks.duplicates].every((names) => names.length === 0);
}

function PreviewForm(props: {
  token: string;
  preview: ImportPreview;
  onApplied(result: ImportResult): void;
}) {
  const { preview } = props;
  const { apis, webhooks } = preview;
  const [choices, setChoices] = useState<ImportChoices>({ sameId: 'replace', duplicates: 'skip' });
  const applying = useSubmit();
  const freshSecrets = !preview.withSecrets && webhooks.added.length + webhooks.duplicates.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await applying.run(async () => props.onApplied(await applyImport(props.token, choices)));
  };

  return (
    <form className={form.form} onSubmit={submit} noValidate>
      <div className={styles.preview}>
        {nothingNew(preview) && <p>Nothing new: everything in this file is already here.</p>}
        <NameList title="APIs to add" names={apis.added} />
        <NameList title="APIs that gain product versions" names={apis.updated} />
        <NameList title="Webhooks to add" names={webhooks.added} />
        <NameList title="Webhooks already here" names={webhooks.sameId}>
          <ChoiceGroup
            label="Webhooks already here"
            value={choices.sameId}
            options={[
              { value: 'replace', label: 'Replace' },
              { value: 'skip', label: 'Skip' },
            ]}
            onChange={(sameId) => setChoices({ ...choices, sameId })}
          />
        </NameList>
        <NameList title="Same version and URL as a webhook here" names={webhooks.duplicates}>
          <ChoiceGroup
            label="Same version and URL as a webhook here"
            value={choices.duplicates}
            options={[
              { value: 'skip', label: 'Skip' },
              { value: 'add', label: 'Add anyway' },
            ]}
            onChange={(duplicates) => setChoices({ ...choices, duplicates })}
          />
        </NameList>
        <NameList title="Skipped: a secret rotation is in progress here" names={webhooks.blocked} />
        <p className={text.muted}>
          {preview.templates > 0
            ? `${plural(preview.templates, 'test payload template', 'test payload templates')} and the settings`
            : 'The settings'}{' '}
          come from the file.
          {freshSecrets && ' The file has no secrets: webhooks it adds get new signing secrets.'}
        </p>
      </div>
      <FormError message={applying.error} />
      <FormActions submitLabel="Import" pending={applying.pending} autoFocus />
    </form>
  );
}

function ImportDone({ result }: { result: ImportResult }) {
  return (
    <>
      <p role="status">
        Imported: {result.added.length} added, {result.replaced.length} replaced, {result.skipped.length}{' '}
        skipped.
      </p>
      <NameList
        title="These webhooks got new signing secrets: give them to their receivers"
        names={result.freshSecrets}
      />
      <div className={dialog.actions}>
        <Dialog.Close className={buttonClass('primary')} autoFocus>
          Done
        </Dialog.Close>
      </div>
    </>
  );
}

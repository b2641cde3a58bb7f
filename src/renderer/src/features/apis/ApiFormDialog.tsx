import { useState, type FormEvent } from 'react';
import type { z } from 'zod/mini';
import { apiNameInputSchema, parseVersionList, versionListSchema, type Api } from '../../../../shared/domain';
import { firstMessage } from '../../../../shared/zod-issues';
import { addApi, saveApi } from './actions';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { TextField } from '../common/TextField';
import { useSubmit } from '../common/useSubmit';

interface Props {
  /** The API to edit; without it the dialog adds one. */
  api?: Api;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** The field's first problem, or null when it is valid. */
const problem = (result: { success: true } | { success: false; error: z.core.$ZodError }) =>
  result.success ? null : firstMessage(result.error, 'Not valid.');

/**
 * "Add API" / "Edit API": a name and its comma-separated product versions, checked with main's rules. Mounted
 * open (the sidebar renders it while it is open), so every opening starts from the API as it is.
 */
export function ApiFormDialog({ api, onOpenChange, onCloseAutoFocus }: Props) {
  const [name, setName] = useState(api?.name ?? '');
  const [versions, setVersions] = useState(api?.versions.join(', ') ?? '');
  const [submitted, setSubmitted] = useState(false);
  const submission = useSubmit();

  const nameError = submitted ? problem(apiNameInputSchema.safeParse(name)) : null;
  const versionsError = submitted ? problem(versionListSchema.safeParse(parseVersionList(versions))) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parsedName = apiNameInputSchema.safeParse(name);
    const parsedVersions = versionListSchema.safeParse(parseVersionList(versions));
    if (!parsedName.success || !parsedVersions.success) return;
    const saved = await submission.run(() =>
      api
        ? saveApi(api.id, { name: parsedName.data, versions: parsedVersions.data })
        : addApi(parsedName.data, parsedVersions.data),
    );
    if (saved) onOpenChange(false);
  };

  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title={api ? 'Edit API' : 'Add API'}
      onCloseAutoFocus={onCloseAutoFocus}
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <TextField label="API name" value={name} onChange={setName} error={nameError} />
        <TextField
          label="Product versions"
          value={versions}
          onChange={setVersions}
          error={versionsError}
          hint="Separate versions with commas, for example v4, v3."
          placeholder="v4, v3"
        />
        <FormError message={submission.error} />
        <FormActions submitLabel="Save" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

import { useState, type FormEvent } from 'react';
import type { WebhookView } from '../../../../shared/domain';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { updateDetails } from './actions';
import { DescriptionField, descriptionProblem } from './DescriptionField';
import { headerDrafts, headerInputs, headersChanged } from './header-drafts';
import { HeadersEditor } from './HeadersEditor';
import { UrlField } from './UrlField';
import { useUrlDraft } from './useUrlDraft';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** "Edit details": the endpoint URL, the description and the custom headers; the secret stays as it is. */
export function EditDetailsDialog({ webhook, ...dialog }: Props) {
  const url = useUrlDraft(webhook.url);
  const [description, setDescription] = useState(webhook.description ?? '');
  const [headers, setHeaders] = useState(() => headerDrafts(webhook.headers));
  const submission = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = url.take();
    if (endpoint === null || descriptionProblem(description) !== null) return;
    const inputs = headerInputs(headers);
    const changed = headersChanged(webhook, inputs) ? inputs : null;
    const saved = await submission.run(() =>
      updateDetails(webhook.id, { url: endpoint, description: description.trim(), headers: changed }),
    );
    if (saved) dialog.onOpenChange(false);
  };

  return (
    <FormDialog
      {...dialog}
      wide
      title="Edit details"
      description={`Product version ${webhook.version}. The signing secret stays the same.`}
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <UrlField {...url.field} />
        <DescriptionField value={description} onChange={setDescription} />
        <HeadersEditor value={headers} onChange={setHeaders} />
        <FormError message={submission.error} />
        <FormActions submitLabel="Save" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

import type { FormEvent } from 'react';
import type { WebhookView } from '../../../../shared/domain';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { updateUrl } from './actions';
import { UrlField } from './UrlField';
import { useUrlDraft } from './useUrlDraft';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** "Edit URL": the endpoint prefilled, the same rule as on create; the signing secret stays as it is. */
export function EditUrlDialog({ webhook, open, onOpenChange, onCloseAutoFocus }: Props) {
  const url = useUrlDraft(webhook.url);
  const submission = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = url.take();
    if (endpoint === null) return;
    if (await submission.run(() => updateUrl(webhook.id, endpoint))) onOpenChange(false);
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Edit endpoint URL"
      description={`Product version ${webhook.version}. The signing secret stays the same.`}
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <UrlField {...url.field} />
        <FormError message={submission.error} />
        <FormActions submitLabel="Save" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

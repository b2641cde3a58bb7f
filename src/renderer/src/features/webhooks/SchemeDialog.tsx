import { useState, type FormEvent } from 'react';
import type { WebhookView } from '../../../../shared/domain';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { setScheme } from './actions';
import { SchemeSelect } from './SchemeSelect';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** "Change signature scheme": how the next test deliveries are signed; the secret stays the same. */
export function SchemeDialog({ webhook, ...dialog }: Props) {
  const [scheme, setDraft] = useState(webhook.scheme);
  const submission = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submission.run(() => setScheme(webhook.id, scheme))) dialog.onOpenChange(false);
  };

  return (
    <FormDialog
      {...dialog}
      title="Change signature scheme"
      description="How Hookwarden signs this webhook's test deliveries. The signing secret stays the same."
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <SchemeSelect value={scheme} onChange={setDraft} />
        <FormError message={submission.error} />
        <FormActions submitLabel="Save" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

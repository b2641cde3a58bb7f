import { useId, useState, type FormEvent } from 'react';
import type { WebhookView } from '../../../../shared/domain';
import { useApis } from '../../stores/apis';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { changeVersion } from './actions';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** "Change product version": any version of the webhook's API; URL, secret and scheme stay the same. */
export function ChangeVersionDialog({ webhook, ...dialog }: Props) {
  const versions = useApis((state) => state.apis.find((api) => api.id === webhook.apiId)?.versions);
  const [version, setVersion] = useState(webhook.version);
  const submission = useSubmit();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (version === webhook.version) return dialog.onOpenChange(false);
    if (await submission.run(() => changeVersion(webhook.id, version))) dialog.onOpenChange(false);
  };

  return (
    <FormDialog
      {...dialog}
      title="Change product version"
      description="Which version's events this webhook receives. The URL, signing secret and scheme stay the same."
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <div className={form.field}>
          <label htmlFor={id}>Product version</label>
          <select
            id={id}
            className={form.control}
            value={version}
            onChange={(event) => setVersion(event.target.value)}
          >
            {(versions ?? [webhook.version]).map((label) => (
              <option key={label} value={label}>
                {label}
                {label === webhook.version ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </div>
        <FormError message={submission.error} />
        <FormActions submitLabel="Save" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

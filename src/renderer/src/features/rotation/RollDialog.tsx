import { useState, type FormEvent } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import { DEFAULT_OVERLAP } from '../../../../shared/rotation';
import { FormActions } from '../common/FormActions';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { rollSecret } from './actions';
import { OverlapChoiceField } from './OverlapChoiceField';
import { OverlapWarning } from './OverlapWarning';
import { WebhookName } from './WebhookName';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/**
 * "Roll signing secret" for a scheme that carries several signatures (Standard Webhooks, Stripe): a new secret
 * signs from now on, and the old one signs too until it expires, so receivers never reject a delivery.
 */
export function RollDialog({ webhook, ...dialog }: Props) {
  const [keepOldFor, setKeepOldFor] = useState(DEFAULT_OVERLAP);
  const submission = useSubmit();
  const inOverlap = webhook.rotation?.phase === 'overlap';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const rolled = await submission.run(() =>
      // The warning above the button is the question; rolling is the answer.
      rollSecret(webhook.id, { keepOldFor, endOverlap: inOverlap }),
    );
    if (rolled) dialog.onOpenChange(false);
  };

  return (
    <FormDialog
      {...dialog}
      title="Roll signing secret"
      description={
        <>
          A new signing secret for <WebhookName webhook={webhook} />. Deliveries are signed with it from now
          on and, until the old secret expires, with the old one too ({SCHEME_LABELS[webhook.scheme]} carries
          several signatures): receivers accept them whichever secret they have, so you can update them
          without downtime.
        </>
      }
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <OverlapWarning rotation={webhook.rotation} />
        <OverlapChoiceField value={keepOldFor} onChange={setKeepOldFor} autoFocus />
        <FormError message={submission.error} />
        <FormActions submitLabel="Roll secret" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

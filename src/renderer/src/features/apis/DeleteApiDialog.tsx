import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/domain';
import { plural } from '../../lib/plural';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { countWebhooks, deleteApi } from './actions';

interface Props {
  api: Api;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/** Deleting an API takes its webhooks and their keychain secrets with it; the dialog says how many. */
export function DeleteApiDialog({ api, onOpenChange, onCloseAutoFocus }: Props) {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    countWebhooks(api.id).then(
      (webhooks) => current && setCount(webhooks),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [api.id]);

  const consequence =
    count === null
      ? 'Its webhooks and their signing secrets are deleted with it.'
      : count === 0
        ? 'It has no webhooks.'
        : `${plural(count, 'webhook', 'webhooks')} and ${plural(count, 'signing secret', 'signing secrets')} in the keychain are deleted with it.`;

  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Delete API ${api.name}?`}
      description={<p>{consequence} This cannot be undone.</p>}
      confirmLabel="Delete API"
      destructive
      onConfirm={() => deleteApi(api)}
    />
  );
}

import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/domain';
import { call } from '../../lib/ipc';
import { useApis } from '../../stores/apis';
import { toast } from '../../stores/toasts';
import { ConfirmDialog } from '../common/ConfirmDialog';

interface Props {
  api: Api;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Deleting an API takes its webhooks and their keychain secrets with it; the dialog says how many. */
export function DeleteApiDialog({ api, onOpenChange, onCloseAutoFocus }: Props) {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    // webhooks.list never reads the keychain, so counting is cheap and safe.
    call('webhooks.list', { apiId: api.id }).then(
      (webhooks) => current && setCount(webhooks.length),
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
      onConfirm={async () => {
        const deleted = await useApis.getState().remove(api.id, true);
        toast(
          `API ${api.name} deleted${deleted > 0 ? ` with ${plural(deleted, 'webhook', 'webhooks')}` : ''}`,
        );
      }}
    />
  );
}

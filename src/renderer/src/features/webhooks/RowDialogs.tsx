import { useUi } from '../../stores/ui';
import { useWebhooks } from '../../stores/webhooks';
import { ConfirmDialog } from '../common/ConfirmDialog';
import text from '../common/text.module.css';
import { deleteWebhook, regenerateSecret } from './actions';
import { redeliver, sendTestDelivery } from '../deliveries/actions';
import { ChangeVersionDialog } from './ChangeVersionDialog';
import { EditDetailsDialog } from './EditDetailsDialog';
import { EditUrlDialog } from './EditUrlDialog';
import { SchemeDialog } from './SchemeDialog';
import { MULTI_SIGNATURE_SCHEMES } from '../../../../shared/rotation';
import { endOverlap } from '../rotation/actions';
import { GuidedRotationDialog } from '../rotation/GuidedRotationDialog';
import { RollDialog } from '../rotation/RollDialog';
import { dataSelector, returnFocusTo } from '../common/focus-return';
import { EndpointCheckDialog } from '../preflight/EndpointCheckDialog';
import { ReceiverSecurityDialog } from '../preflight/ReceiverSecurityDialog';
import { ReceiverCodeDialog } from '../receiver-code/ReceiverCodeDialog';

/** The one dialog a row's "More actions" menu opened, rendered at page level so rows stay light. */
export function RowDialogs() {
  const dialog = useUi((state) => state.dialog);
  const closeDialog = useUi((state) => state.closeDialog);
  const webhook = useWebhooks((state) => (dialog ? state.byId[dialog.webhookId] : undefined));
  if (!dialog || !webhook) return null;

  const common = {
    open: true,
    onOpenChange: (open: boolean) => !open && closeDialog(),
    onCloseAutoFocus: returnFocusTo(dataSelector('data-actions-for', webhook.id), '[data-create-webhook]'),
  };

  switch (dialog.kind) {
    case 'edit-url':
      return <EditUrlDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'edit-details':
      return <EditDetailsDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'change-version':
      return <ChangeVersionDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'send-paused': {
      const { deliveryId } = dialog;
      return (
        <ConfirmDialog
          {...common}
          title="This webhook is paused. Send anyway?"
          description={
            <p>
              {deliveryId ? 'The redelivery' : 'A test delivery'} goes to{' '}
              <strong className={text.breakAll}>{webhook.url}</strong> ({webhook.version}) even though the
              webhook is paused. It stays paused.
            </p>
          }
          confirmLabel="Send anyway"
          onConfirm={() =>
            deliveryId ? redeliver(deliveryId, webhook.id) : sendTestDelivery(webhook.id, { openPanel: true })
          }
        />
      );
    }
    case 'scheme':
      return <SchemeDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'regenerate':
      return (
        <ConfirmDialog
          {...common}
          title="Regenerate signing secret?"
          description={
            <p>
              Webhook <strong>{webhook.version}</strong> at{' '}
              <strong className={text.breakAll}>{webhook.url}</strong>: the current secret stops working{' '}
              <strong>immediately</strong>: receivers that verify signatures with it reject deliveries until
              they have the new one.
              {webhook.rotation && (
                <> A secret rotation is in progress: finish or cancel it, or end its overlap, first.</>
              )}
            </p>
          }
          confirmLabel="Regenerate secret"
          destructive
          onConfirm={() => regenerateSecret(webhook.id)}
        />
      );
    case 'roll':
    case 'rotation': {
      const { rotation } = webhook;
      // A guided rotation is continued where it is (whatever the scheme is now); a new one follows the scheme.
      const guided =
        rotation?.phase === 'next' ||
        (dialog.kind === 'rotation' && rotation?.phase === 'overlap' && rotation.guided);
      return guided || !MULTI_SIGNATURE_SCHEMES.has(webhook.scheme) ? (
        <GuidedRotationDialog key={webhook.id} webhook={webhook} startNew={!guided} {...common} />
      ) : (
        <RollDialog key={webhook.id} webhook={webhook} {...common} />
      );
    }
    case 'end-overlap':
      return (
        <ConfirmDialog
          {...common}
          title="End overlap now?"
          description={
            <p>
              Webhook <strong>{webhook.version}</strong> at{' '}
              <strong className={text.breakAll}>{webhook.url}</strong>: the previous signing secret stops
              working <strong>immediately</strong> and leaves the keychain. Deliveries are signed with the
              current secret only; receivers that still verify with the old one reject them.
            </p>
          }
          confirmLabel="End overlap"
          destructive
          onConfirm={() => endOverlap(webhook.id)}
        />
      );
    case 'endpoint-check':
      return (
        <EndpointCheckDialog
          key={webhook.id}
          url={webhook.url}
          earlier={webhook.endpointCheck?.url === webhook.url ? webhook.endpointCheck : undefined}
          target={{ webhookId: webhook.id }}
          {...common}
        />
      );
    case 'receiver-security':
      return <ReceiverSecurityDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'receiver-code':
      return <ReceiverCodeDialog key={webhook.id} webhook={webhook} {...common} />;
    case 'delete':
      return (
        <ConfirmDialog
          {...common}
          title="Delete webhook?"
          description={
            <p>
              Events stop going to <strong className={text.breakAll}>{webhook.url}</strong> and its signing
              secret is removed from the keychain. This cannot be undone.
            </p>
          }
          confirmLabel="Delete webhook"
          destructive
          onConfirm={() => deleteWebhook(webhook.id)}
        />
      );
  }
}

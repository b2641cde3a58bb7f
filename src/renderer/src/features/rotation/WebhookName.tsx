import type { WebhookView } from '../../../../shared/domain';
import text from '../common/text.module.css';

/** "webhook v4 at https://…": how a rotation dialog names the webhook it changes. */
export function WebhookName({ webhook }: { webhook: WebhookView }) {
  return (
    <>
      webhook <strong>{webhook.version}</strong> at <strong className={text.breakAll}>{webhook.url}</strong>
    </>
  );
}

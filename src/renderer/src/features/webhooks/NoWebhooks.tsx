import { Webhook } from 'lucide-react';
import page from '../common/page.module.css';

/** An API without webhooks: says what a webhook is for and what to do next. */
export function NoWebhooks({ apiName }: { apiName: string }) {
  return (
    <div className={page.emptyState}>
      <Webhook aria-hidden size={32} />
      <h2>No webhooks for {apiName} yet</h2>
      <p>
        A webhook sends this API&apos;s events to a URL you choose, signed with its own secret so the receiver
        can check they came from you. Choose <strong>Create a new webhook</strong> to add the first one.
      </p>
    </div>
  );
}

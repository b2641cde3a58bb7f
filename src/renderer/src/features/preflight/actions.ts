/**
 * What "Check endpoint" and "Check receiver security" do: ask main to run the checks, keep a webhook's endpoint
 * check on its row's webhook (main keeps it until the URL changes), and say when the receiver check needs the
 * user's confirmation first.
 */
import type { SignatureScheme } from '../../../../shared/domain';
import { isAppError } from '../../../../shared/errors';
import type { EndpointCheck, SecurityReport } from '../../../../shared/preflight';
import { call } from '../../lib/ipc';
import { useSettings } from '../../stores/settings';
import { useWebhooks } from '../../stores/webhooks';
import { reportWebhookError } from '../webhooks/actions';

/** How long a check may take at most: the delivery timeout + 5 s (main's bound). */
export function checkBoundSeconds(): number {
  return useSettings.getState().settings.deliveryTimeoutSeconds + 5;
}

/** "Check endpoint" on a webhook: the result is shown on it (main keeps it with the webhook too). */
export async function checkEndpoint(webhookId: string): Promise<EndpointCheck> {
  try {
    const check = await call('preflight.checkWebhook', { id: webhookId });
    const webhook = useWebhooks.getState().byId[webhookId];
    if (webhook && webhook.url === check.url)
      useWebhooks.getState().put({ ...webhook, endpointCheck: check });
    return check;
  } catch (error) {
    reportWebhookError(webhookId, error);
    throw error;
  }
}

/** "Check endpoint" in the create form: the typed URL, without the signed delivery (no secret yet). */
export function checkUrl(url: string, scheme: SignatureScheme): Promise<EndpointCheck> {
  return call('preflight.checkUrl', { url, scheme });
}

/** What "Check endpoint" checks: a webhook (its row's menu) or a URL typed in the create form. */
export type CheckTarget = { webhookId: string } | { url: string; scheme: SignatureScheme };

export const runEndpointCheck = (target: CheckTarget): Promise<EndpointCheck> =>
  'webhookId' in target ? checkEndpoint(target.webhookId) : checkUrl(target.url, target.scheme);

/** The receiver check's answer: its report, or main's question before forged requests leave this machine. */
export type ReceiverCheck = { report: SecurityReport } | { needsConfirmation: string };

/** "Check receiver security"; `confirmed`: the user agreed to send forged requests to a host they own. */
export async function checkReceiver(webhookId: string, confirmed: boolean): Promise<ReceiverCheck> {
  try {
    return { report: await call('preflight.checkReceiver', { id: webhookId, confirmed }) };
  } catch (error) {
    if (isAppError(error) && error.code === 'NEEDS_CONFIRMATION') return { needsConfirmation: error.message };
    reportWebhookError(webhookId, error);
    throw error;
  }
}

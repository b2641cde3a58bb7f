/**
 * What the "Receiver code" dialog does: ask main for a webhook's code in a language, and have main copy the
 * code or the `.env` lines (main owns the clipboard; the secrets never reach the renderer).
 */
import type { ChannelOutput } from '../../../../shared/contract';
import type { ReceiverLanguage } from '../../../../shared/receiver-code';
import { call } from '../../lib/ipc';
import { formatDuration } from '../../lib/time';
import { toast } from '../../stores/toasts';
import { reportWebhookError } from '../webhooks/actions';

/** The code main made for the webhook's scheme, URL path and rotation, and the variables it reads. */
export type ReceiverCodeView = ChannelOutput<'receiverCode.get'>;

/** The webhook's receiver code in `language`; a failure is reported (a missing webhook's row is marked) and thrown. */
export async function loadReceiverCode(
  webhookId: string,
  language: ReceiverLanguage,
): Promise<ReceiverCodeView> {
  try {
    return await call('receiverCode.get', { id: webhookId, language });
  } catch (error) {
    reportWebhookError(webhookId, error);
    throw error;
  }
}

/** "Copy code": main copies the code (no secret in it). */
export async function copyReceiverCode(webhookId: string, language: ReceiverLanguage): Promise<void> {
  try {
    const { filename } = await call('receiverCode.copy', { id: webhookId, language });
    toast(`Copied the code of ${filename}`);
  } catch (error) {
    toast(reportWebhookError(webhookId, error).message, 'error');
  }
}

/** "Copy .env line": main copies `HOOKWARDEN_SECRET=<secret>` (and the previous one) and clears it later. */
export async function copyReceiverEnv(webhookId: string): Promise<void> {
  try {
    const { clearsAfterMs } = await call('receiverCode.copyEnv', { id: webhookId });
    toast(`Copied — the clipboard clears in ${formatDuration(clearsAfterMs)}`);
  } catch (error) {
    toast(reportWebhookError(webhookId, error).message, 'error');
  }
}

/**
 * What the signature doctor does where the user meets it: read the webhooks a request can be checked against,
 * diagnose a pasted request, a refused delivery and an Inbox request; each asks main, then puts the answer in
 * the doctor's store. A pasted secret goes to main in the call and nowhere else (never a store, never a log).
 */
import type { ChannelInput } from '../../../../shared/contract';
import { isAppError } from '../../../../shared/errors';
import { call } from '../../lib/ipc';
import { useDoctor, verdictKey, type DoctorTarget } from '../../stores/doctor';
import { useInbox } from '../../stores/inbox';
import { reportError } from '../../stores/status';

let targetsSequence = 0;

/**
 * The webhooks of every API, each named by its API, version and URL ("Invoices v4 (https://…)"). The Inbox's
 * verdicts are asked again, unless `keepVerdicts` (only a vanished webhook is to be dropped).
 */
export async function loadDoctorTargets({ keepVerdicts = false } = {}): Promise<void> {
  const sequence = ++targetsSequence;
  useDoctor.getState().targetsLoading();
  try {
    const apis = await call('apis.list');
    const lists = await Promise.all(apis.map((api) => call('webhooks.list', { apiId: api.id })));
    const targets: DoctorTarget[] = apis.flatMap((api, index) =>
      (lists[index] ?? []).map((webhook) => ({
        webhookId: webhook.id,
        label: `${api.name} ${webhook.version} (${webhook.url})`,
      })),
    );
    if (sequence !== targetsSequence) return;
    useDoctor.getState().targetsLoaded(targets, keepVerdicts);
    // Verdicts dropped with the old webhooks are asked again for the Inbox's list.
    if (!keepVerdicts) void verifyEachRequest();
  } catch (error) {
    if (sequence === targetsSequence) useDoctor.getState().targetsFailed(reportError(error).message);
  }
}

/**
 * "Diagnose" on the Signature doctor page: the diagnosis is shown on the page. Throws main's error (a paste it
 * cannot read says why) for the form to show by the field.
 */
export async function diagnosePastedRequest(input: ChannelInput<'doctor.diagnose'>): Promise<void> {
  useDoctor.getState().diagnosed(null);
  try {
    useDoctor.getState().diagnosed(await call('doctor.diagnose', input));
  } catch (error) {
    if (webhookGone(error, 'webhookId' in input.against)) void loadDoctorTargets({ keepVerdicts: true });
    throw error;
  }
}

/** The webhook checked against was deleted meanwhile: the webhooks are read again, which drops it. */
const webhookGone = (error: unknown, againstWebhook: boolean) =>
  againstWebhook && isAppError(error) && error.code === 'NOT_FOUND';

let deliverySequence = 0;

/** "Diagnose" on a refused delivery: the request as sent, against the webhook's secrets; the dialog shows it. */
export async function diagnoseDelivery(deliveryId: string): Promise<void> {
  const sequence = ++deliverySequence;
  const store = useDoctor.getState();
  store.deliveryDiagnosis(deliveryId, { status: 'loading' });
  try {
    const diagnosis = await call('doctor.diagnoseDelivery', { deliveryId });
    if (sequence === deliverySequence) store.deliveryDiagnosis(deliveryId, { status: 'ready', diagnosis });
  } catch (error) {
    if (sequence === deliverySequence)
      store.deliveryDiagnosis(deliveryId, { status: 'error', error: reportError(error).message });
  }
}

export function closeDeliveryDiagnosis(): void {
  useDoctor.getState().closeDeliveryDiagnosis();
}

/**
 * The verdict on an Inbox request against the webhook chosen in "Verify against" (or every webhook, to find
 * whose secret signed it): asked once per request and choice, then kept.
 */
export async function verifyInboxRequest(requestId: string): Promise<void> {
  const { inboxWebhookId: webhookId, inboxVerdicts } = useDoctor.getState();
  const key = verdictKey(requestId, webhookId);
  const known = inboxVerdicts[key];
  if (known && known.status !== 'error') return;
  useDoctor.getState().inboxVerdict(key, { status: 'loading' });
  // The verdicts are asked again from scratch when the webhooks are read again: an older answer is dropped.
  const stillWanted = () => useDoctor.getState().inboxVerdicts[key]?.status === 'loading';
  try {
    const diagnosis = await call('doctor.diagnoseInboxRequest', {
      requestId,
      ...(webhookId !== null && { webhookId }),
    });
    if (stillWanted()) useDoctor.getState().inboxVerdict(key, { status: 'ready', diagnosis });
  } catch (error) {
    const message = reportError(error).message;
    if (stillWanted()) useDoctor.getState().inboxVerdict(key, { status: 'error', error: message });
    if (webhookGone(error, webhookId !== null)) void loadDoctorTargets({ keepVerdicts: true });
  }
}

/** Asks for the verdict of every kept Inbox request not yet checked against the current choice, one at a time. */
export async function verifyEachRequest(): Promise<void> {
  for (const { id } of useInbox.getState().requests) await verifyInboxRequest(id);
}

/** The Inbox's "Verify against": a webhook, or null to detect it; every request's verdict follows. */
export function chooseInboxWebhook(webhookId: string | null): void {
  useDoctor.getState().chooseInboxWebhook(webhookId);
  void verifyEachRequest();
}

/**
 * Where the user meets the signature doctor: a request pasted on the "Signature doctor" page, a delivery the
 * receiver refused, a request the Inbox received. The secrets to try are read here, in main, from this
 * profile's keychain items; the answer names them only by label.
 */
import type { ParsedInput } from '../../shared/contract';
import type { Diagnosis } from '../../shared/doctor';
import type { Webhook } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ReceivedRequest } from '../../shared/inbox';
import type { SecretRole } from '../../shared/rotation';
import { findWebhook, webhookName } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { DeliveryLog } from '../deliveries/log';
import { slotsInUse, type ProfileSecrets } from '../keychain/profile-secrets';
import type { Clock } from '../ports';
import { diagnose } from './doctor';
import { parsePastedRequest } from './parse-request';
import type { DoctorCandidate, DoctorInput } from './types';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  log: DeliveryLog;
  /** The Inbox's requests. */
  inboxRequests: () => ReceivedRequest[];
  clock: Clock;
}

/** A receiver's usual mistake per scheme, for a delivery the app signed correctly that was refused anyway. */
const KEY_ADVICE: Record<Webhook['scheme'], string> = {
  mindee: 'Compute HMAC-SHA256 over the raw body bytes, keyed with the whole secret, and compare it in hex.',
  'standard-webhooks':
    'Use the base64 after "whsec_" as the key (the standardwebhooks library does this for you) and sign "id.timestamp.body".',
  stripe:
    'Use the whole "whsec_…" string as the key (the stripe library does this for you) and sign "t.body".',
  github:
    'Compute HMAC-SHA256 over the raw body bytes, keyed with the whole secret, and compare it with "sha256=…".',
};
const RAW_BODY_ADVICE =
  'Verify the raw body bytes before any JSON parsing (express.raw, request.get_data(), await request.text()).';
const RECENT_CHANGE_MS = 24 * 60 * 60 * 1000;

export function createDoctorService({ config, secrets, log, inboxRequests, clock }: Deps) {
  /** A webhook's secrets in use (current, and a rotation's previous or next), labelled. */
  async function secretsOf(webhook: Webhook, name: string): Promise<DoctorCandidate[]> {
    const roles = slotsInUse(webhook).filter((slot): slot is SecretRole =>
      ['current', 'previous', 'next'].includes(slot),
    );
    const found: DoctorCandidate[] = [];
    for (const role of roles) {
      const secret = await secrets.get(webhook.id, role);
      if (secret !== null) found.push({ label: `the ${role} secret of ${name}`, secret });
    }
    return found;
  }

  /**
   * The candidates for a request: the chosen webhook's secrets (checked), and every other webhook's (tried
   * only to name the webhook a request was really signed for); without a choice, every webhook's are checked.
   */
  async function candidatesFor(webhookId: string | null): Promise<DoctorCandidate[]> {
    const current = config.read();
    const candidates: DoctorCandidate[] = [];
    for (const webhook of current.webhooks) {
      const name = webhookName(current, webhook);
      const own = await secretsOf(webhook, name);
      const checked = webhookId === null || webhook.id === webhookId;
      candidates.push(...(checked ? own : own.map((candidate) => ({ ...candidate, webhookName: name }))));
    }
    // The chosen webhook's secrets first: the answer names the first that matches.
    return candidates.sort(
      (a, b) => Number(a.webhookName !== undefined) - Number(b.webhookName !== undefined),
    );
  }

  function run(
    input: Omit<DoctorInput, 'receivedAt'> & { receivedAt?: Date },
    advice: string[] = [],
  ): Diagnosis {
    const report = diagnose({ ...input, receivedAt: input.receivedAt ?? clock.now() });
    return { report, advice };
  }

  return {
    /** The "Signature doctor" page: a pasted request against a webhook's secrets or a pasted secret. */
    async diagnose({
      request,
      against,
      scheme,
      receivedAt,
      toleranceSeconds,
    }: ParsedInput<'doctor.diagnose'>) {
      const pasted = parsePastedRequest(request);
      if ('webhookId' in against) findWebhook(config.read(), against.webhookId);
      const candidates =
        'secret' in against
          ? [{ label: 'the secret you pasted', secret: against.secret }]
          : await candidatesFor(against.webhookId);
      return run({
        headers: pasted.headers,
        body: pasted.body,
        candidates,
        ...(scheme && { scheme }),
        ...(receivedAt && { receivedAt: new Date(receivedAt) }),
        ...(toleranceSeconds !== undefined && { toleranceSeconds }),
      });
    },

    /**
     * "Diagnose" on a refused delivery: the request as the app sent it, against the secrets the receiver
     * should hold; when it was signed correctly, what the receiver must do instead.
     */
    async diagnoseDelivery({ deliveryId }: ParsedInput<'doctor.diagnoseDelivery'>): Promise<Diagnosis> {
      const record = log.find(deliveryId);
      if (!record) throw new AppError('NOT_FOUND', 'This delivery is no longer in the log.');
      const webhook = findWebhook(config.read(), record.webhookId);
      const diagnosis = run({
        headers: record.request.headers,
        body: Buffer.from(record.request.body, 'utf8'),
        candidates: await candidatesFor(webhook.id),
        scheme: record.scheme,
        receivedAt: new Date(record.sentAt),
      });
      if (!diagnosis.report.verdict.valid) return diagnosis;
      const status = record.response ? `answered ${record.response.status}` : 'did not accept it';
      const advice = [
        `Hookwarden signed this delivery correctly, yet your receiver ${status}: the problem is on the receiver's side.`,
        RAW_BODY_ADVICE,
        KEY_ADVICE[record.scheme],
      ];
      if (
        clock.now().getTime() - Date.parse(webhook.secretRotatedAt) < RECENT_CHANGE_MS &&
        webhook.secretRotatedAt !== webhook.createdAt
      ) {
        advice.push(
          `The signing secret changed at ${webhook.secretRotatedAt}: your receiver may still hold the old one.`,
        );
      }
      return { ...diagnosis, advice };
    },

    /** A request the Inbox received, against one webhook's secrets, or every webhook's to find whose it is. */
    async diagnoseInboxRequest({ requestId, webhookId }: ParsedInput<'doctor.diagnoseInboxRequest'>) {
      const request = inboxRequests().find((candidate) => candidate.id === requestId);
      if (!request) throw new AppError('NOT_FOUND', 'This request is no longer in the Inbox.');
      if (webhookId) findWebhook(config.read(), webhookId);
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) {
        const key = name.toLowerCase();
        headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
      }
      const advice = request.truncated
        ? [
            'The Inbox kept only the first 64 KiB of this body, so the signature cannot match: the verdict is about a cut body.',
          ]
        : [];
      return run(
        {
          headers,
          body: Buffer.from(request.bodyBase64, 'base64'),
          candidates: await candidatesFor(webhookId ?? null),
          receivedAt: new Date(request.receivedAt),
        },
        advice,
      );
    },
  };
}

export type DoctorService = ReturnType<typeof createDoctorService>;

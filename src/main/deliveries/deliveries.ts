/** Signed test deliveries: build the body, sign it, send it (at most MAX_IN_FLIGHT at once) and log the result. */
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../shared/contract';
import {
  MAX_IN_FLIGHT,
  type CurlCopy,
  type Delivery,
  type DeliveryFailure,
  type DeliveryPurpose,
  type SentDelivery,
} from '../../shared/delivery';
import { MASKED_HEADER_VALUE, type Webhook } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { curlCommand } from './curl';
import type { DeliveryLog } from './log';
import { createLimiter } from './limiter';
import { findWebhook } from '../config/lookups';
import type { ClipboardPort, Clock } from '../ports';
import type { ConfigStore } from '../config/ports';
import type { HttpClient, HttpPostResult } from './ports';
import { TIMESTAMPED_SCHEMES, messageIdFor, signatureHeaders, unixSeconds } from './signing';
import { forgedBody, forgedHeaders, forgedSecrets, forgedTimestamp, type Forgery } from './forgery';
import type { TemplateService } from './templates';
import type { SecretRole } from '../../shared/rotation';
import type { RetryAttempt } from '../../shared/retries';
import type { SigningSecrets } from '../rotation/rotation-state';

interface Deps {
  config: ConfigStore;
  /**
   * The secrets a delivery signs with (SECRET_MISSING when the current one is gone): one role's alone when
   * asked, else the current one and, during an overlap, the previous one.
   */
  signingSecrets: (webhookId: string, role?: SecretRole) => Promise<SigningSecrets>;
  /** Reads a secret custom header's value from the keychain (SECRET_MISSING when it is gone). */
  readHeaderValue: (webhookId: string, name: string) => Promise<string>;
  templates: TemplateService;
  log: DeliveryLog;
  http: HttpClient;
  clock: Clock;
  clipboard: ClipboardPort;
  userAgent: string;
}

interface Attempt {
  /** This record's id; a first attempt's message id is made from it. */
  id: string;
  webhookId: string;
  body: string;
  /** A redelivery keeps the original's; null for a first attempt. */
  messageId: string | null;
  redeliveryOf: string | null;
  /** A rotation test: signed with this secret alone. */
  testRole?: SecretRole;
  purpose?: DeliveryPurpose;
  /** "Check receiver security": broken on purpose in this one way. */
  forgery?: Forgery;
  /** An attempt of "Send with retries". */
  retry?: RetryAttempt;
}

/** A webhook without custom headers sends and records the same (empty) set: one object, no copies. */
const NO_CUSTOM_HEADERS: Record<string, string> = Object.freeze({});

/** How long after a regenerate a 401/403 is probably a receiver that still has the old secret. */
const OLD_SECRET_HINT_MS = 24 * 60 * 60 * 1000;

/** "Your receiver may still use the old signing secret" after a recent regenerate, else nothing. */
function oldSecretHint(webhook: Webhook, sentAt: Date): string {
  const rotated = Date.parse(webhook.secretRotatedAt);
  const regenerated = rotated > Date.parse(webhook.createdAt);
  const recent = sentAt.getTime() - rotated < OLD_SECRET_HINT_MS;
  return regenerated && recent
    ? ' Your receiver may still use the old signing secret: the secret was regenerated less than 24 hours ago.'
    : '';
}

/** A response is a success only when it is a 2xx; redirects are reported, never followed. */
function responseFailure(
  { response }: HttpPostResult,
  webhook: Webhook,
  sentAt: Date,
): DeliveryFailure | null {
  if (!response || (response.status >= 200 && response.status < 300)) return null;
  const status = `${response.status} ${response.statusText}`.trim();
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location;
    const where = location ? ` to ${location}` : ' (no Location header)';
    return { kind: 'redirect', message: `Redirect not followed: the endpoint answered ${status}${where}.` };
  }
  const hint = response.status === 401 || response.status === 403 ? oldSecretHint(webhook, sentAt) : '';
  return { kind: 'http-status', message: `Non-2xx response: the endpoint answered ${status}.${hint}` };
}

export function createDeliveryService(deps: Deps) {
  const { config, signingSecrets, readHeaderValue, templates, log, http, clock, clipboard, userAgent } = deps;

  /** The custom headers as sent, and as recorded (a secret one's value masked). */
  async function customHeaders(webhook: Webhook) {
    if (!webhook.headers?.length) return { sent: NO_CUSTOM_HEADERS, recorded: NO_CUSTOM_HEADERS };
    const sent: Record<string, string> = {};
    const recorded: Record<string, string> = {};
    for (const { name, secret, value } of webhook.headers) {
      sent[name] = secret ? await readHeaderValue(webhook.id, name) : value;
      recorded[name] = secret ? MASKED_HEADER_VALUE : value;
    }
    return { sent, recorded };
  }
  const limiter = createLimiter(MAX_IN_FLIGHT);

  /**
   * Reads the webhook and signs inside the slot, so a queued delivery goes to the URL and scheme of the moment
   * it is really sent, and carries that time.
   */
  async function attempt(spec: Attempt): Promise<SentDelivery> {
    const { id, webhookId, redeliveryOf, testRole, purpose, forgery, retry } = spec;
    const signers = await signingSecrets(webhookId, testRole);
    const webhook = findWebhook(config.read(), webhookId);
    const messageId = spec.messageId ?? messageIdFor(webhook.scheme, id);
    const sentAt = clock.now();
    // Encoded once: these bytes are measured, signed and sent (a tampered body: changed after signing).
    const signed = Buffer.from(spec.body, 'utf8');
    const bytes = forgedBody(forgery, signed);
    const body = bytes === signed ? spec.body : bytes.toString('utf8');
    const custom = await customHeaders(webhook);
    const signature = forgedHeaders(
      forgery,
      webhook.scheme,
      signatureHeaders({
        scheme: webhook.scheme,
        secrets: forgedSecrets(forgery, signers.secrets),
        body: signed,
        messageId,
        timestamp: forgedTimestamp(forgery, unixSeconds(sentAt)),
      }),
    );
    /** The fixed headers, the webhook's own, then the signature's. */
    const requestHeaders = (own: Record<string, string>): Record<string, string> =>
      Object.assign(
        {
          'Content-Type': 'application/json',
          'User-Agent': purpose === 'security-check' ? `${userAgent} (security check)` : userAgent,
          'Content-Length': String(bytes.length),
        },
        own,
        signature,
      );
    const headers = requestHeaders(custom.sent);
    const recordedHeaders = custom.recorded === custom.sent ? headers : requestHeaders(custom.recorded);
    const timeoutMs = config.read().settings.deliveryTimeoutSeconds * 1000;
    const result = await http.post({ url: webhook.url, headers, body: bytes, timeoutMs });
    const error = result.error ?? responseFailure(result, webhook, sentAt);
    const record: Delivery = {
      id,
      webhookId: webhook.id,
      sentAt: sentAt.toISOString(),
      scheme: webhook.scheme,
      messageId,
      redeliveryOf,
      request: {
        method: 'POST',
        url: webhook.url,
        headers: recordedHeaders,
        body,
      },
      response: result.response,
      error,
      durationMs: result.durationMs,
      outcome: error ? 'failure' : 'success',
    };
    // Set one by one rather than spread in: a delivery's own work is measured against a plain POST.
    if (result.response) record.firstByteMs = result.firstByteMs;
    // A forgery that signs with no secret of the webhook names none.
    if (forgery?.kind !== 'unsigned' && forgery?.kind !== 'wrong-secret') record.signedWith = signers.roles;
    if (purpose) record.purpose = purpose;
    if (retry) record.retry = retry;
    return logged(record);
  }

  /** The request went out: a log that cannot be saved is a warning beside its real outcome, not a failure. */
  function logged(record: Delivery): SentDelivery {
    // A webhook deleted while its delivery was in flight gets no new log.
    if (!config.read().webhooks.some((w) => w.id === record.webhookId)) return record;
    try {
      log.add(record);
      return record;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'STORAGE_FAILED') throw error;
      return { ...record, logWarning: error.message };
    }
  }

  const deliver = (spec: Attempt): Promise<SentDelivery> => limiter.run(() => attempt(spec));

  function findRecord(deliveryId: string): Delivery {
    const record = log.find(deliveryId);
    if (!record) throw new AppError('NOT_FOUND', 'This delivery is no longer in the log.');
    return record;
  }

  /** A new test delivery with the template's body; a rotation test signs with `testRole`'s secret alone. */
  function sendNew(
    webhookId: string,
    extra: Partial<Pick<Attempt, 'testRole' | 'purpose' | 'forgery' | 'messageId' | 'retry'>> = {},
  ): Promise<SentDelivery> {
    const webhook = findWebhook(config.read(), webhookId);
    const body = templates.bodyFor({ apiId: webhook.apiId, version: webhook.version });
    return deliver({ id: randomUUID(), webhookId, body, messageId: null, redeliveryOf: null, ...extra });
  }

  return {
    send: ({ webhookId }: ParsedInput<'deliveries.send'>) => sendNew(webhookId),

    /** A test delivery with a body of the caller's (the command line's `send --payload`), not the template. */
    sendBody(webhookId: string, body: string): Promise<SentDelivery> {
      findWebhook(config.read(), webhookId);
      return deliver({ id: randomUUID(), webhookId, body, messageId: null, redeliveryOf: null });
    },

    /** Used by the rotation steps that prove which secret the receiver accepts. */
    sendSignedWith: (webhookId: string, role: SecretRole) =>
      sendNew(webhookId, { testRole: role, purpose: 'rotation-test' }),

    /** "Check endpoint"'s one signed test delivery. */
    sendForEndpointCheck: (webhookId: string) => sendNew(webhookId, { purpose: 'endpoint-check' }),

    /** An attempt of "Send with retries": the first with the template, later ones repeating its body and id. */
    sendRetryAttempt(webhookId: string, retry: RetryAttempt, repeat?: { body: string; messageId: string }) {
      if (!repeat) return sendNew(webhookId, { retry });
      const { body, messageId } = repeat;
      return deliver({ id: randomUUID(), webhookId, body, messageId, redeliveryOf: null, retry });
    },

    /** One request of "Check receiver security": signed normally or broken by `forgery`; `messageId` repeats one. */
    sendForSecurityCheck: (webhookId: string, forgery?: Forgery, messageId?: string) =>
      sendNew(webhookId, { purpose: 'security-check', forgery, messageId: messageId ?? null }),

    list({ webhookId }: ParsedInput<'deliveries.list'>): Delivery[] {
      findWebhook(config.read(), webhookId);
      return log.list(webhookId);
    },

    /** Same body and message id, to the webhook's current URL and scheme, with a fresh timestamp and signature. */
    redeliver({ deliveryId }: ParsedInput<'deliveries.redeliver'>): Promise<SentDelivery> {
      const original = findRecord(deliveryId);
      return deliver({
        id: randomUUID(),
        webhookId: original.webhookId,
        body: original.request.body,
        messageId: original.messageId,
        redeliveryOf: original.id,
      });
    },

    /**
     * The recorded request as a curl command. A timestamped scheme's signature is made again now (same body and
     * message id, the secrets a delivery signs with now), as receivers refuse an old timestamp; the secret stays
     * here.
     */
    async copyAsCurl({ deliveryId }: ParsedInput<'deliveries.copyAsCurl'>): Promise<CurlCopy> {
      const record = findRecord(deliveryId);
      let { request } = record;
      let signedAt: string | null = null;
      if (TIMESTAMPED_SCHEMES.has(record.scheme)) {
        const { secrets } = await signingSecrets(record.webhookId);
        const now = clock.now();
        const signature = signatureHeaders({
          scheme: record.scheme,
          secrets,
          body: Buffer.from(request.body, 'utf8'),
          messageId: record.messageId,
          timestamp: unixSeconds(now),
        });
        request = { ...request, headers: { ...request.headers, ...signature } };
        signedAt = now.toISOString();
      }
      const command = curlCommand(request);
      await clipboard.writeText(command);
      return { command, signedAt };
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;

/**
 * A typed, in-memory stand-in for window.hookwarden (the preload API), for renderer tests.
 * It is built with the real preload builder over a fake transport, parses every input with the contract's
 * schema as main does, and keeps APIs, webhooks and secrets like main's services would.
 * Any channel can be made to fail with a given error code: `fake.failOn('secrets.copy', 'KEYCHAIN_UNAVAILABLE')`.
 */
import { buildApi } from '../../src/preload/build-api';
import {
  contract,
  type Channel,
  type ChannelOutput,
  type EventName,
  type EventPayloads,
  type HookwardenApi,
  type ParsedInput,
} from '../../src/shared/contract';
import {
  DEFAULT_SETTINGS,
  payloadJsonProblem,
  type Delivery,
  type DeliveryFailure,
  type SentDelivery,
  type Settings,
} from '../../src/shared/delivery';
import {
  DEFAULT_SCHEME,
  type Api,
  type KeychainStatus,
  type Notice,
  type SignatureScheme,
  type Webhook,
  type WebhookView,
} from '../../src/shared/domain';
import { AppError, type ErrorCode, type Result } from '../../src/shared/errors';
import { checkEndpointUrl, isInsecureUrl } from '../../src/shared/url-rule';

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => ChannelOutput<C> };

interface Failure {
  code: ErrorCode;
  message: string;
  remaining: number;
}

let sequence = 0;
const nextId = () => `00000000-0000-4000-8000-${(++sequence).toString(16).padStart(12, '0')}`;
const nextSecret = () => `whsec_${btoa(`fake-secret-${++sequence}-`.padEnd(32, 'x')).slice(0, 43)}=`;

export class FakeHookwarden {
  apis: Api[] = [];
  webhooks: Webhook[] = [];
  /** The keychain: webhook id → secret. A webhook without an entry here has a missing secret. */
  secrets = new Map<string, string>();
  notices: Notice[] = [];
  keychain: KeychainStatus = { available: true };
  clipboard = '';
  clearsAfterMs = 30_000;
  /** Delivery records, newest first, as main's delivery log holds them. */
  deliveries: Delivery[] = [];
  /** Saved test payloads by `${apiId}/${version}`. */
  templates = new Map<string, string>();
  settings: Settings = { ...DEFAULT_SETTINGS };
  /** The HTTP status the fake endpoint answers test deliveries with. */
  endpointStatus = 200;
  /** The body it answers with. */
  endpointBody = '{"received":true}';
  /** When set, deliveries get no response and fail this way instead. */
  endpointFailure: DeliveryFailure | null = null;
  /** When set, sends and redeliveries answer with this warning, as main does when its log could not be saved. */
  logWarning: string | null = null;
  /** Every call that reached the fake, in order. */
  readonly calls: { channel: Channel; input: unknown }[] = [];
  now = () => new Date();

  private failures = new Map<Channel, Failure>();
  private listeners = new Map<string, Set<(sender: unknown, payload: unknown) => void>>();
  private gates = new Map<Channel, Promise<void>>();

  readonly api: HookwardenApi = buildApi({
    invoke: (channel, input) => this.invoke(channel as Channel, input),
    on: (event, listener) => {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener);
      this.listeners.set(event, set);
    },
    removeListener: (event, listener) => void this.listeners.get(event)?.delete(listener),
  });

  /** Makes `channel` answer with this error code, every time (or `times` times). */
  failOn(channel: Channel, code: ErrorCode, message = `injected ${code}`, times = Infinity): void {
    this.failures.set(channel, { code, message, remaining: times });
  }

  heal(channel?: Channel): void {
    if (channel) this.failures.delete(channel);
    else this.failures.clear();
  }

  /** Holds every call to `channel` until the returned release() is called (to see pending states). */
  hold(channel: Channel): () => void {
    let release: () => void = () => undefined;
    this.gates.set(channel, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.gates.delete(channel);
      release();
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(undefined, payload);
  }

  callsTo(channel: Channel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.input);
  }

  // Seeding helpers: the state main would have on disk and in the keychain.
  seedApi(name = 'Invoices', versions = ['v4', 'v3']): Api {
    const api: Api = { id: nextId(), name, versions, createdAt: this.now().toISOString() };
    this.apis.push(api);
    return api;
  }

  seedWebhook(
    apiId: string,
    url: string,
    options: { version?: string; at?: Date; secret?: string | null; scheme?: SignatureScheme } = {},
  ) {
    const at = (options.at ?? this.now()).toISOString();
    const api = this.apis.find((a) => a.id === apiId);
    const webhook: Webhook = {
      id: nextId(),
      apiId,
      version: options.version ?? api?.versions[0] ?? 'v1',
      url,
      createdAt: at,
      updatedAt: at,
      secretRotatedAt: at,
      scheme: options.scheme ?? DEFAULT_SCHEME,
    };
    this.webhooks.push(webhook);
    if (options.secret !== null) this.secrets.set(webhook.id, options.secret ?? nextSecret());
    return this.view(webhook);
  }

  private view(webhook: Webhook): WebhookView {
    return {
      ...webhook,
      insecure: isInsecureUrl(webhook.url),
      secretMissing: !this.secrets.has(webhook.id),
      lastDelivery: null,
    };
  }

  private async invoke(channel: Channel, raw: unknown): Promise<Result<unknown>> {
    this.calls.push({ channel, input: raw });
    await this.gates.get(channel);
    const failure = this.failures.get(channel);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      return { ok: false, error: { code: failure.code, message: failure.message } };
    }
    const parsed = contract[channel].input.safeParse(raw);
    if (!parsed.success)
      return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.error.message } };
    try {
      const run = this.handlers[channel] as (input: unknown) => unknown;
      // A structured clone, as IPC would: the renderer never shares objects with the fake.
      return { ok: true, data: structuredClone(run(parsed.data)) };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  }

  private webhook(id: string): Webhook {
    const webhook = this.webhooks.find((w) => w.id === id);
    if (!webhook) throw new AppError('NOT_FOUND', 'No such webhook.');
    return webhook;
  }

  private apiById(id: string): Api {
    const api = this.apis.find((a) => a.id === id);
    if (!api) throw new AppError('NOT_FOUND', 'No such API.');
    return api;
  }

  private checkedUrl(url: string): string {
    const check = checkEndpointUrl(url);
    if (!check.ok) throw new AppError('INVALID_URL', check.reason);
    return check.url;
  }

  private secretOf(id: string): string {
    this.webhook(id);
    const secret = this.secrets.get(id);
    if (secret === undefined) throw new AppError('SECRET_MISSING', 'The keychain has no signing secret.');
    return secret;
  }

  private touch(id: string, patch: Partial<Webhook>): WebhookView {
    const next = { ...this.webhook(id), ...patch, updatedAt: this.now().toISOString() };
    this.webhooks = this.webhooks.map((w) => (w.id === id ? next : w));
    return this.view(next);
  }

  private readonly handlers: Handlers = {
    'app.notices': () => this.notices,
    'apis.list': () => this.apis,
    'apis.create': ({ name, versions }) => {
      if (this.apis.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError('NAME_TAKEN', `An API named "${name}" already exists.`);
      }
      return this.seedApi(name, versions);
    },
    'apis.update': ({ id, name, versions }) => {
      const next = { ...this.apiById(id), ...(name && { name }), ...(versions && { versions }) };
      this.apis = this.apis.map((a) => (a.id === id ? next : a));
      return next;
    },
    'apis.delete': ({ id, cascade }) => {
      this.apiById(id);
      const doomed = this.webhooks.filter((w) => w.apiId === id);
      if (doomed.length > 0 && !cascade) throw new AppError('API_HAS_WEBHOOKS', 'This API has webhooks.');
      this.apis = this.apis.filter((a) => a.id !== id);
      this.webhooks = this.webhooks.filter((w) => w.apiId !== id);
      for (const w of doomed) this.secrets.delete(w.id);
      return { deletedWebhooks: doomed.length };
    },
    'webhooks.list': ({ apiId }) => {
      this.apiById(apiId);
      return this.webhooks.filter((w) => w.apiId === apiId).map((w) => this.view(w));
    },
    'webhooks.create': ({ apiId, version, url, scheme }) => {
      const endpoint = this.checkedUrl(url);
      if (!this.apiById(apiId).versions.includes(version))
        throw new AppError('VERSION_UNKNOWN', 'Unknown version.');
      return this.seedWebhook(apiId, endpoint, { version, scheme });
    },
    'webhooks.setScheme': ({ id, scheme }) => this.touch(id, { scheme }),
    'webhooks.updateUrl': ({ id, url }) => this.touch(id, { url: this.checkedUrl(url) }),
    'webhooks.updateDetails': ({ id, url, description }) =>
      this.touch(id, { url: this.checkedUrl(url), description }),
    'webhooks.setPaused': ({ id, paused }) => this.touch(id, { paused }),
    'webhooks.setHeaders': ({ id, headers }) =>
      this.touch(id, {
        headers: headers.map(({ name, secret, value }) =>
          secret ? { name, secret: true, value: null } : { name, secret: false, value: value ?? '' },
        ),
      }),
    'webhooks.changeVersion': ({ id, version }) => this.touch(id, { version }),
    'webhooks.delete': ({ id }) => {
      this.webhook(id);
      this.webhooks = this.webhooks.filter((w) => w.id !== id);
      this.deliveries = this.deliveries.filter((d) => d.webhookId !== id);
      this.secrets.delete(id);
      return { id };
    },
    'webhooks.regenerateSecret': ({ id }) => {
      this.webhook(id);
      this.secrets.set(id, nextSecret());
      return this.touch(id, { secretRotatedAt: this.now().toISOString() });
    },
    'keychain.check': () => this.keychain,
    'keychain.removeOrphans': () => ({ removed: 0 }),
    'secrets.reveal': ({ id }) => ({ secret: this.secretOf(id) }),
    'secrets.copy': ({ id }) => {
      this.clipboard = this.secretOf(id);
      return { clearsAfterMs: this.clearsAfterMs };
    },
    'deliveries.send': ({ webhookId }) => {
      const webhook = this.webhook(webhookId);
      return this.sent(this.record(webhook, this.templateOf(webhook.apiId, webhook.version), nextId(), null));
    },
    'deliveries.list': ({ webhookId }) => {
      this.webhook(webhookId);
      return this.deliveries.filter((d) => d.webhookId === webhookId);
    },
    'deliveries.redeliver': ({ deliveryId }) => {
      const original = this.delivery(deliveryId);
      return this.sent(
        this.record(this.webhook(original.webhookId), original.request.body, original.messageId, original.id),
      );
    },
    'deliveries.copyAsCurl': ({ deliveryId }) => {
      const { request } = this.delivery(deliveryId);
      this.clipboard = `curl --request POST '${request.url}' --data-raw '${request.body}'`;
      return { command: this.clipboard, signedAt: null };
    },
    'templates.get': ({ apiId, version }) => {
      const saved = this.templates.get(`${apiId}/${version}`);
      return { apiId, version, json: saved ?? this.templateOf(apiId, version), custom: saved !== undefined };
    },
    'templates.save': ({ apiId, version, json }) => {
      const problem = payloadJsonProblem(json);
      if (problem !== null) throw new AppError('INVALID_JSON', problem);
      this.templates.set(`${apiId}/${version}`, json);
      return { apiId, version, json, custom: true };
    },
    'templates.reset': ({ apiId, version }) => {
      this.templates.delete(`${apiId}/${version}`);
      return { apiId, version, json: this.templateOf(apiId, version), custom: false };
    },
    'settings.get': () => this.settings,
    'settings.update': (changes) => (this.settings = { ...this.settings, ...changes }),
  };

  private templateOf(apiId: string, version: string): string {
    const saved = this.templates.get(`${apiId}/${version}`);
    const product = { name: this.apiById(apiId).name, version };
    return (
      saved ?? JSON.stringify({ document: { inference: { product } }, job: { status: 'completed' } }, null, 2)
    );
  }

  private delivery(id: string): Delivery {
    const found = this.deliveries.find((d) => d.id === id);
    if (!found) throw new AppError('NOT_FOUND', 'This delivery is no longer in the log.');
    return found;
  }

  private sent(record: Delivery): SentDelivery {
    return this.logWarning === null ? record : { ...record, logWarning: this.logWarning };
  }

  /** Records a delivery the fake endpoint answered (endpointStatus / endpointFailure), and tells listeners. */
  private record(webhook: Webhook, body: string, messageId: string, redeliveryOf: string | null): Delivery {
    const failure = this.endpointFailure;
    const status = this.endpointStatus;
    const ok = failure === null && status >= 200 && status < 300;
    return this.seedDelivery(webhook.id, {
      scheme: webhook.scheme,
      messageId,
      redeliveryOf,
      request: {
        method: 'POST',
        url: webhook.url,
        headers: { 'Content-Type': 'application/json', 'X-Mindee-Hmac-Signature': 'ab12cd34' },
        body,
      },
      response: failure
        ? null
        : {
            status,
            statusText: ok ? 'OK' : 'Internal Server Error',
            headers: { 'content-type': 'application/json' },
            body: this.endpointBody,
            truncated: false,
          },
      error: failure ?? (ok ? null : { kind: 'http-status', message: `Non-2xx response: ${status}.` }),
      outcome: ok ? 'success' : 'failure',
    });
  }

  /** Puts a record at the top of a webhook's log (as main would after a send) and tells listeners. */
  seedDelivery(webhookId: string, patch: Partial<Delivery> = {}): Delivery {
    const webhook = this.webhook(webhookId);
    const record: Delivery = {
      id: nextId(),
      webhookId,
      sentAt: this.now().toISOString(),
      scheme: webhook.scheme,
      messageId: `msg_${sequence}`,
      redeliveryOf: null,
      request: { method: 'POST', url: webhook.url, headers: {}, body: '{}' },
      response: { status: 200, statusText: 'OK', headers: {}, body: '', truncated: false },
      error: null,
      durationMs: 12,
      outcome: 'success',
      ...patch,
    };
    this.deliveries = [record, ...this.deliveries];
    this.emit('deliveries.changed', { webhookId });
    return record;
  }
}

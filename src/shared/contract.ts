/**
 * THE IPC contract: every channel's input schema (checked in main) and output type, and every
 * main-to-renderer event's payload type. Preload, main and renderer are all derived from it.
 */
import { z } from 'zod';
import {
  apiNameInputSchema,
  customHeadersInputSchema,
  descriptionSchema,
  endpointUrlSchema,
  idSchema,
  isoTimeSchema,
  signatureSchemeSchema,
  versionLabelSchema,
  versionListSchema,
  type Api,
  type KeychainStatus,
  type Notice,
  type WebhookView,
} from './domain';
import {
  TEMPLATE_MAX_CHARS,
  deliveryTimeoutSchema,
  type CurlCopy,
  type Delivery,
  type PayloadTemplate,
  type SentDelivery,
  type Settings,
} from './delivery';
import type { Result } from './errors';
import type { EndpointCheck, SecurityReport } from './preflight';
import { DOCTOR_REQUEST_MAX_CHARS, MAX_TOLERANCE_SECONDS, type Diagnosis } from './doctor';
import { receiverLanguageSchema, type ReceiverCode, type ReceiverEnvVar } from './receiver-code';
import { importChoicesSchema, passphraseSchema, type ImportPreview, type ImportResult } from './transfer';
import { retryStartSchema, type RetryRun } from './retries';
import { inboxResponseSchema, inboxStartSchema, type InboxStatus, type ReceivedRequest } from './inbox';
import { DEFAULT_OVERLAP, overlapChoiceSchema, secretRoleSchema } from './rotation';
import type { ChannelName, EventName as ListedEventName } from './channel-names';

export { CHANNELS, EVENT_NAMES, splitName, subscriberName } from './channel-names';

/** A channel: a runtime input schema and a compile-time-only output type. */
interface ChannelSpec<I extends z.core.$ZodType, O> {
  input: I;
  /** Never set at runtime: carries the output type. */
  output?: O;
}

function channel<O>() {
  return <I extends z.core.$ZodType>(input: I): ChannelSpec<I, O> => ({ input });
}

const noInput = z.undefined();
const byId = z.strictObject({ id: idSchema });
const byWebhook = z.strictObject({ webhookId: idSchema });
const byDelivery = z.strictObject({ deliveryId: idSchema });
const importStepSchema = z.strictObject({
  token: idSchema,
  passphrase: z.optional(passphraseSchema),
  choices: z._default(importChoicesSchema, { sameId: 'replace', duplicates: 'skip' }),
});
const bySecret = z.strictObject({ id: idSchema, role: z._default(secretRoleSchema, 'current') });
const apiVersion = { apiId: idSchema, version: versionLabelSchema };

export const contract = {
  'app.notices': channel<Notice[]>()(noInput),

  'apis.list': channel<Api[]>()(noInput),
  'apis.create': channel<Api>()(z.strictObject({ name: apiNameInputSchema, versions: versionListSchema })),
  'apis.update': channel<Api>()(
    z.strictObject({
      id: idSchema,
      name: z.optional(apiNameInputSchema),
      versions: z.optional(versionListSchema),
    }),
  ),
  'apis.delete': channel<{ deletedWebhooks: number }>()(
    z.strictObject({ id: idSchema, cascade: z.boolean().optional() }),
  ),

  'webhooks.list': channel<WebhookView[]>()(z.strictObject({ apiId: idSchema })),
  'webhooks.create': channel<WebhookView>()(
    z.strictObject({
      apiId: idSchema,
      version: versionLabelSchema,
      url: endpointUrlSchema,
      scheme: z.optional(signatureSchemeSchema),
      description: z.optional(descriptionSchema),
    }),
  ),
  'webhooks.updateUrl': channel<WebhookView>()(z.strictObject({ id: idSchema, url: endpointUrlSchema })),
  'webhooks.updateDetails': channel<WebhookView>()(
    z.strictObject({ id: idSchema, url: endpointUrlSchema, description: descriptionSchema }),
  ),
  'webhooks.setPaused': channel<WebhookView>()(z.strictObject({ id: idSchema, paused: z.boolean() })),
  'webhooks.setHeaders': channel<WebhookView>()(
    z.strictObject({ id: idSchema, headers: customHeadersInputSchema }),
  ),
  'webhooks.changeVersion': channel<WebhookView>()(
    z.strictObject({ id: idSchema, version: versionLabelSchema }),
  ),
  'webhooks.delete': channel<{ id: string }>()(byId),
  'webhooks.regenerateSecret': channel<WebhookView>()(byId),
  'webhooks.setScheme': channel<WebhookView>()(
    z.strictObject({ id: idSchema, scheme: signatureSchemeSchema }),
  ),

  'keychain.check': channel<KeychainStatus>()(noInput),
  'keychain.removeOrphans': channel<{ removed: number }>()(noInput),

  'rotation.roll': channel<WebhookView>()(
    z.strictObject({
      id: idSchema,
      keepOldFor: z._default(overlapChoiceSchema, DEFAULT_OVERLAP),
      /** Confirms ending the oldest secret of an overlap in progress. */
      endOverlap: z.boolean().default(false),
    }),
  ),
  'rotation.switch': channel<WebhookView>()(
    z.strictObject({
      id: idSchema,
      keepOldFor: z._default(overlapChoiceSchema, DEFAULT_OVERLAP),
      /** Switches although the receiver has not accepted both test deliveries. */
      force: z.boolean().default(false),
    }),
  ),
  'rotation.cancel': channel<WebhookView>()(byId),
  'rotation.endOverlap': channel<WebhookView>()(byId),
  'rotation.test': channel<{ delivery: SentDelivery; webhook: WebhookView }>()(
    z.strictObject({ id: idSchema, role: secretRoleSchema }),
  ),

  /** `role`: a rotation's previous or next secret instead of the current one. */
  'secrets.reveal': channel<{ secret: string }>()(bySecret),
  'secrets.copy': channel<{ clearsAfterMs: number }>()(bySecret),

  'deliveries.send': channel<SentDelivery>()(byWebhook),
  'deliveries.list': channel<Delivery[]>()(byWebhook),
  'deliveries.redeliver': channel<SentDelivery>()(byDelivery),
  'deliveries.copyAsCurl': channel<CurlCopy>()(byDelivery),

  'retries.start': channel<RetryRun>()(retryStartSchema),
  'retries.stop': channel<RetryRun | null>()(byWebhook),
  'retries.get': channel<RetryRun | null>()(byWebhook),

  'preflight.checkWebhook': channel<EndpointCheck>()(byId),
  'preflight.checkUrl': channel<EndpointCheck>()(
    z.strictObject({ url: endpointUrlSchema, scheme: z.optional(signatureSchemeSchema) }),
  ),

  'preflight.checkReceiver': channel<SecurityReport>()(
    z.strictObject({
      id: idSchema,
      /** The user confirmed sending forged requests to a host other than this machine. */
      confirmed: z.boolean().default(false),
    }),
  ),

  'transfer.export': channel<{ path: string | null }>()(
    z.strictObject({ withSecrets: z.boolean(), passphrase: z.optional(passphraseSchema) }),
  ),
  'transfer.openImport': channel<{ token: string; path: string; encrypted: boolean } | null>()(noInput),
  'transfer.previewImport': channel<ImportPreview>()(importStepSchema),
  'transfer.applyImport': channel<ImportResult>()(importStepSchema),

  'receiverCode.get': channel<ReceiverCode & { env: ReceiverEnvVar[] }>()(
    z.strictObject({ id: idSchema, language: receiverLanguageSchema }),
  ),
  'receiverCode.copy': channel<{ filename: string }>()(
    z.strictObject({ id: idSchema, language: receiverLanguageSchema }),
  ),
  'receiverCode.copyEnv': channel<{ clearsAfterMs: number; names: string[] }>()(byId),

  'doctor.diagnose': channel<Diagnosis>()(
    z.strictObject({
      /** A raw HTTP request or a curl command, as pasted. */
      request: z.string().max(DOCTOR_REQUEST_MAX_CHARS),
      against: z.union([
        z.strictObject({ webhookId: idSchema }),
        z.strictObject({ secret: z.string().min(1, 'Paste the secret to check against.').max(4096) }),
      ]),
      scheme: z.optional(signatureSchemeSchema),
      receivedAt: z.optional(isoTimeSchema),
      toleranceSeconds: z.number().int().min(1).max(MAX_TOLERANCE_SECONDS).optional(),
    }),
  ),
  'doctor.diagnoseDelivery': channel<Diagnosis>()(byDelivery),
  'doctor.diagnoseInboxRequest': channel<Diagnosis>()(
    z.strictObject({ requestId: idSchema, webhookId: z.optional(idSchema) }),
  ),

  'inbox.status': channel<InboxStatus>()(noInput),
  'inbox.start': channel<InboxStatus>()(inboxStartSchema),
  'inbox.stop': channel<InboxStatus>()(noInput),
  'inbox.setResponse': channel<InboxStatus>()(inboxResponseSchema),
  'inbox.list': channel<ReceivedRequest[]>()(noInput),
  'inbox.clear': channel<InboxStatus>()(noInput),
  'inbox.copyAsCurl': channel<CurlCopy>()(z.strictObject({ requestId: idSchema })),
  'inbox.copyAddress': channel<{ url: string }>()(noInput),
  'inbox.save': channel<{ path: string | null; saved: number }>()(noInput),

  'templates.get': channel<PayloadTemplate>()(z.strictObject(apiVersion)),
  'templates.save': channel<PayloadTemplate>()(
    z.strictObject({ ...apiVersion, json: z.string().max(TEMPLATE_MAX_CHARS) }),
  ),
  'templates.reset': channel<PayloadTemplate>()(z.strictObject(apiVersion)),

  'settings.get': channel<Settings>()(noInput),
  'settings.update': channel<Settings>()(z.strictObject({ deliveryTimeoutSeconds: deliveryTimeoutSchema })),
} as const;

/** Events main sends to the renderer; the payload types are all they carry. */
export interface EventPayloads {
  'deliveries.changed': { webhookId: string };
  /** The notices changed (e.g. the keychain check after start finished): all of them, as app.notices answers. */
  'app.noticesChanged': { notices: Notice[] };
  /** Main changed these webhooks on its own (an overlap expired): rows showing them should be read again. */
  'webhooks.changed': { ids: string[] };
  /** A retry run made an attempt or ended. */
  'retries.changed': RetryRun;
  /** The Inbox received a request (sent as it arrives, before the Inbox answers). */
  'inbox.received': ReceivedRequest;
  /** config.json was changed outside this window (the command line): APIs, webhooks and settings are read again. */
  'config.changed': Record<string, never>;
  /** An application menu item asks the window to open one of its dialogs. */
  'app.menuCommand': { command: MenuCommand };
}

/** What the application menu asks the window to open. */
export type MenuCommand = 'export' | 'exportWithSecrets' | 'import' | 'keyboardShortcuts';

/**
 * A type error unless A and B are the same union of names (C is A again, so the check runs both ways):
 * keeps the contract and the zod-free name lists the preload uses from drifting apart.
 */
type Same<A extends B, B extends C, C = A> = A;

export type Contract = typeof contract;
export type Channel = Same<keyof Contract, ChannelName>;
export type EventName = Same<keyof EventPayloads, ListedEventName>;

/** What the renderer sends. */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What the service receives, after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> =
  Contract[C] extends ChannelSpec<z.core.$ZodType, infer O> ? O : never;

type DomainOf<N extends string> = N extends `${infer D}.${string}` ? D : never;
type VerbOf<N extends string> = N extends `${string}.${infer V}` ? V : never;

export type InvokeFunction<C extends Channel> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

export type Unsubscribe = () => void;
export type SubscribeFunction<E extends EventName> = (
  listener: (payload: EventPayloads[E]) => void,
) => Unsubscribe;

/** The name of an event's subscribe function: 'deliveries.changed' → deliveries.onChanged. */
export type SubscriberName<E extends EventName> = `on${Capitalize<VerbOf<E>>}`;

/** window.hookwarden: one function per channel and one subscribe function per event, grouped by domain. */
export type HookwardenApi = {
  [D in DomainOf<Channel> | DomainOf<EventName>]: {
    [C in Channel as DomainOf<C> extends D ? VerbOf<C> : never]: InvokeFunction<C>;
  } & {
    [E in EventName as DomainOf<E> extends D ? SubscriberName<E> : never]: SubscribeFunction<E>;
  };
};

/** What the services need from the outside world; adapters implement these, tests pass real or faulty ones. */
import type { EventName, EventPayloads } from '../../shared/contract';
import type {
  Delivery,
  DeliveryFailure,
  DeliveryResponse,
  Settings,
  StoredTemplate,
} from '../../shared/delivery';
import type { Api, Webhook } from '../../shared/domain';

export interface ConfigData {
  schemaVersion: number;
  /** This data folder's own id: its keychain items are named `<profileId>/<webhookId>` (see secret-accounts). */
  profileId: string;
  /** True until the items of an older version (named by the bare webhook id) are copied to this profile's names. */
  keychainMigrationPending: boolean;
  apis: Api[];
  webhooks: Webhook[];
  /** Test payload templates saved per API version. */
  templates: StoredTemplate[];
  settings: Settings;
}

/** The persisted configuration. write() is atomic: it either replaces everything or throws STORAGE_FAILED. */
export interface ConfigStore {
  read(): ConfigData;
  write(next: ConfigData): void;
}

/**
 * The OS keychain under the app's service name: one item per account. Every method throws KEYCHAIN_UNAVAILABLE
 * when the keychain cannot answer — locked, absent or failing — so "no such item" (null, false) always means
 * the item is really not there.
 */
export interface SecretVault {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Every account under the service, of every profile (never their secrets). */
  list(): Promise<string[]>;
  /** Resolves when the keychain can be read and written now, without reading any secret. */
  probe(): Promise<void>;
}

/** Delivery records per webhook id, newest first. */
export interface DeliveryLogData {
  byWebhook: Record<string, Delivery[]>;
}

/** One change to the delivery log: the unit the store makes durable and replays after a crash. */
export type LogChange = { op: 'add'; record: Delivery } | { op: 'remove'; webhookIds: string[] };

/**
 * read() sees every change at once. apply() makes the change durable before it returns (one journal line);
 * the whole file is rewritten a moment later, once per burst of changes, as a full log is large.
 * flush() rewrites it now if anything is pending.
 */
export interface DeliveryLogStore {
  read(): DeliveryLogData;
  /** Applies the change with applyLogChange; when it cannot be saved, it is still applied, then STORAGE_FAILED. */
  apply(change: LogChange): void;
  flush(): void;
}

export interface HttpPostRequest {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes that were signed. */
  body: Buffer;
  timeoutMs: number;
}

/** What came back from one POST: a response (any status), or a network failure in plain words. */
export type HttpPostResult =
  | { response: DeliveryResponse; error: null; durationMs: number }
  | { response: null; error: DeliveryFailure; durationMs: number };

/** Sends one POST without following redirects; never throws for network failures. */
export interface HttpClient {
  post(request: HttpPostRequest): Promise<HttpPostResult>;
}

export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** Writes a signing secret as text, marked where the platform allows so clipboard managers don't keep it. */
  writeSecret(text: string): Promise<void>;
  clear(): void;
}

/** Sends a main-to-renderer event (see EventPayloads in the contract) to every window. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

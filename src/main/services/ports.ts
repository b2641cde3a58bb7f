/** What the services need from the outside world; adapters implement these, tests pass real or faulty ones. */
import type { EventName, EventPayloads } from '../../shared/contract';
import type { Api, Webhook } from '../../shared/domain';

export interface ConfigData {
  schemaVersion: number;
  apis: Api[];
  webhooks: Webhook[];
}

/** The persisted configuration. write() is atomic: it either replaces everything or throws STORAGE_FAILED. */
export interface ConfigStore {
  read(): ConfigData;
  write(next: ConfigData): void;
}

/** Signing secrets in the OS keychain, one item per webhook id. Every method throws KEYCHAIN_UNAVAILABLE on failure. */
export interface SecretVault {
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** The ids that have a secret. */
  list(): Promise<string[]>;
  /** Resolves when the keychain answers, without reading any secret. */
  probe(): Promise<void>;
}

export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

/** Sends a main-to-renderer event (see EventPayloads in the contract) to every window. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

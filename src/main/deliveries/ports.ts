/** The deliveries area's ports: the delivery log's storage and the HTTP client. */
import type { Delivery, DeliveryFailure, DeliveryResponse } from '../../shared/delivery';
import type { Notice } from '../../shared/domain';
import type { LogChange } from './log-change';

/** Delivery records per webhook id, newest first. */
export interface DeliveryLogData {
  byWebhook: Record<string, Delivery[]>;
}

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
  /** Applies the changes another process handed off (see hand-off.ts) and returns them; none by default. */
  foldHandedOff?(): LogChange[];
  /** A store opened at its first use tells what opening found (a file set aside) here. */
  onOpened?(listener: (notices: Notice[]) => void): void;
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
  /** firstByteMs: from the start to the response's status line (the time a provider's timeout measures). */
  | { response: DeliveryResponse; error: null; durationMs: number; firstByteMs: number }
  | { response: null; error: DeliveryFailure; durationMs: number };

/** Sends one POST without following redirects; never throws for network failures. */
export interface HttpClient {
  post(request: HttpPostRequest): Promise<HttpPostResult>;
}

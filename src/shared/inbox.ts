/** The local receiver ("Inbox"): what it keeps of each request and how it answers, shared by main and the UI. */
import { z } from 'zod/mini';

export const DEFAULT_INBOX_PORT = 4242;
/** Requests kept, oldest dropped first. */
export const INBOX_LIMIT = 500;
/** Body bytes kept per request; the rest is counted, not kept. */
export const INBOX_BODY_LIMIT = 64 * 1024;
export const INBOX_MAX_DELAY_SECONDS = 30;
/** The statuses the Inbox can answer with, and their reason phrases; 503 carries a Retry-After. */
export const INBOX_STATUS_TEXT = {
  200: 'OK',
  401: 'Unauthorized',
  410: 'Gone',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;
export const INBOX_STATUSES = [
  200, 401, 410, 500, 503,
] as const satisfies readonly (keyof typeof INBOX_STATUS_TEXT)[];
export const INBOX_RETRY_AFTER_SECONDS = 60;

export const inboxStartSchema = z.strictObject({
  port: z._default(
    z
      .number()
      .check(
        z.int('The port is a whole number.'),
        z.minimum(1024, 'Choose a port from 1024 to 65535 (lower ones need administrator rights).'),
        z.maximum(65535, 'Choose a port from 1024 to 65535.'),
      ),
    DEFAULT_INBOX_PORT,
  ),
  /** Listen on every network interface instead of 127.0.0.1 alone: other machines can then send to it. */
  exposeToNetwork: z._default(z.boolean(), false),
});

export const inboxResponseSchema = z.strictObject({
  status: z.union(INBOX_STATUSES.map((status) => z.literal(status))),
  delaySeconds: z
    .number()
    .check(
      z.int('The delay is a whole number of seconds.'),
      z.minimum(0, 'The delay is at least 0 s.'),
      z.maximum(INBOX_MAX_DELAY_SECONDS, `The delay is at most ${INBOX_MAX_DELAY_SECONDS} s.`),
    ),
});
export type InboxResponse = z.infer<typeof inboxResponseSchema>;
export const DEFAULT_INBOX_RESPONSE: InboxResponse = { status: 200, delaySeconds: 0 };

export interface InboxStatus {
  listening: boolean;
  /** The address it listens on, e.g. http://127.0.0.1:4242 (null while stopped). */
  url: string | null;
  exposedToNetwork: boolean;
  response: InboxResponse;
  received: number;
}

/** One request as it arrived: headers in their order and case, the body's exact bytes (up to the limit). */
export interface ReceivedRequest {
  id: string;
  receivedAt: string;
  method: string;
  /** The path and query as sent. */
  path: string;
  /** Name/value pairs in arrival order, names as the sender wrote them. */
  headers: [string, string][];
  /** The kept body bytes, base64. */
  bodyBase64: string;
  /** The whole body's size; more than the kept bytes when truncated. */
  bodyBytes: number;
  truncated: boolean;
  remoteAddress: string;
  /** What the Inbox answered. */
  answeredStatus: number;
}

/** Test deliveries, their log records, payload templates and the delivery settings, shared by main and UI. */
import { z } from 'zod/mini';
import { idSchema, isoTimeSchema, signatureSchemeSchema, versionLabelSchema } from './domain';
import { retryAttemptSchema } from './retries';
import { signedWithSchema } from './rotation';
import { TIMEOUT_MAX_SECONDS, TIMEOUT_MIN_SECONDS } from './settings';

/** Response bodies are kept up to this many bytes; beyond it the record is marked truncated. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;
/** Records kept per webhook, newest first. */
export const DELIVERY_LOG_LIMIT = 200;
/** Deliveries in flight at once; more wait in a queue. */
export const MAX_IN_FLIGHT = 4;
/** The largest payload template, in characters. */
export const TEMPLATE_MAX_CHARS = 256 * 1024;

export {
  DEFAULT_SETTINGS,
  DEFAULT_TIMEOUT_SECONDS,
  TIMEOUT_MAX_SECONDS,
  TIMEOUT_MIN_SECONDS,
  type Settings,
} from './settings';

const headersSchema = z.record(z.string(), z.string());

export const deliveryRequestSchema = z.strictObject({
  method: z.literal('POST'),
  url: z.string(),
  headers: headersSchema,
  body: z.string(),
});
export type DeliveryRequest = z.infer<typeof deliveryRequestSchema>;

export const deliveryResponseSchema = z.strictObject({
  status: z.number().check(z.int()),
  statusText: z.string(),
  headers: headersSchema,
  /** At most RESPONSE_BODY_LIMIT bytes of the body, decoded as UTF-8. */
  body: z.string(),
  truncated: z.boolean(),
});
export type DeliveryResponse = z.infer<typeof deliveryResponseSchema>;

/** Why a delivery failed, as a kind the UI can style and a sentence in plain words. */
export const FAILURE_KINDS = [
  'dns',
  'refused',
  'reset',
  'tls',
  'timeout',
  'redirect',
  'http-status',
  'network',
] as const;
export const deliveryFailureSchema = z.strictObject({
  kind: z.enum(FAILURE_KINDS),
  message: z.string(),
});
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

/**
 * Deliveries sent by a feature rather than "Send test delivery": a rotation's test, "Check endpoint",
 * "Check receiver security".
 */
export const DELIVERY_PURPOSES = ['rotation-test', 'endpoint-check', 'security-check'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

export const deliverySchema = z.strictObject({
  id: idSchema,
  webhookId: idSchema,
  /** When this attempt was signed and sent. */
  sentAt: isoTimeSchema,
  scheme: signatureSchemeSchema,
  /** The message/delivery id, kept by a redelivery (sent as webhook-id or X-GitHub-Delivery where the scheme has one). */
  messageId: z.string(),
  /** The record this one redelivered, if any. */
  redeliveryOf: z.nullable(idSchema),
  request: deliveryRequestSchema,
  /** Null when no response came back (see error). */
  response: z.nullable(deliveryResponseSchema),
  /** Null on success. */
  error: z.nullable(deliveryFailureSchema),
  durationMs: z.number().check(z.nonnegative()),
  /** Time to the response's status line (absent without a response, and in older records). */
  firstByteMs: z.optional(z.number().check(z.nonnegative())),
  outcome: z.enum(['success', 'failure']),
  /** The roles of the secrets that signed it, newest first (absent in records made before rotation). */
  signedWith: z.optional(signedWithSchema),
  /** Why it was sent, when not as a plain test delivery. */
  purpose: z.optional(z.enum(DELIVERY_PURPOSES)),
  /** An attempt of "Send with retries": its run and place in it. */
  retry: z.optional(retryAttemptSchema),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** What a send or redelivery answers: its record, with a warning when only saving it in the log failed. */
export interface SentDelivery extends Delivery {
  /** Why the record could not be saved; never itself in the log. The request went out all the same. */
  logWarning?: string;
}

/** The JSON sent by "Send test delivery" for one API version. */
export interface PayloadTemplate {
  apiId: string;
  version: string;
  json: string;
  /** False while the built-in default is in use (a fresh example each time it is read). */
  custom: boolean;
}

export const storedTemplateSchema = z.strictObject({
  apiId: idSchema,
  version: versionLabelSchema,
  json: z.string().check(z.maxLength(TEMPLATE_MAX_CHARS)),
  updatedAt: isoTimeSchema,
});
export type StoredTemplate = z.infer<typeof storedTemplateSchema>;

export const deliveryTimeoutSchema = z
  .number()
  .check(
    z.int('The timeout is a whole number of seconds.'),
    z.minimum(TIMEOUT_MIN_SECONDS, `The timeout is at least ${TIMEOUT_MIN_SECONDS} s.`),
    z.maximum(TIMEOUT_MAX_SECONDS, `The timeout is at most ${TIMEOUT_MAX_SECONDS} s.`),
  );

export const settingsSchema = z.strictObject({ deliveryTimeoutSeconds: deliveryTimeoutSchema });

/** Why a test payload cannot be saved or sent (not JSON, or not a JSON object), or null when it can. */
export function payloadJsonProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `The test payload is not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'The test payload must be a JSON object ({ … }).';
  }
  return null;
}

/** "Copy as curl": the command, and when a timestamped scheme's signature in it was made (null: as sent). */
export interface CurlCopy {
  command: string;
  signedAt: string | null;
}

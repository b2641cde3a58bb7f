import { z } from 'zod/mini';
import { idSchema, isoTimeSchema } from './ids';
import { endpointCheckSchema } from './preflight';
import { rotationSchema } from './rotation';
import { SIGNATURE_SCHEMES } from './schemes';
import { MAX_URL_LENGTH, checkEndpointUrl } from './url-rule';

export const API_NAME_MAX = 80;
export const VERSION_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** Zero-width, soft-hyphen and bidi control characters: invisible, so names differing only by them look alike. */
const INVISIBLE_CHARACTERS = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** An API name as it is stored: NFC, without invisible characters, trimmed. */
export function cleanApiName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE_CHARACTERS, '').trim();
}

/** A stored API name (the config's JSON schema is derived from it, so it has no transform). */
export const apiNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Give the API a name.'),
    z.maxLength(API_NAME_MAX, `An API name has at most ${API_NAME_MAX} characters.`),
  );

/** A name as the user typed it: cleaned, then held to the same rules. */
export const apiNameInputSchema = z.pipe(z.pipe(z.string(), z.transform(cleanApiName)), apiNameSchema);

export const versionLabelSchema = z
  .string()
  .check(
    z.trim(),
    z.regex(
      VERSION_LABEL_PATTERN,
      'A version label is letters, digits, dots, dashes or underscores, like v4 or 2.1.',
    ),
  );

export const versionListSchema = z.array(versionLabelSchema).check(
  z.minLength(1, 'An API needs at least one product version.'),
  z.maxLength(100),
  z.refine((versions) => new Set(versions).size === versions.length, 'Product versions must be unique.'),
);

/** Splits the "v4, v3" text of a form into version labels. */
export function parseVersionList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export { idSchema, isoTimeSchema };

/** What a channel accepts as a URL: up to twice the rule's limit, so the rule itself says why it is too long. */
export const endpointUrlSchema = z.string().check(z.maxLength(2 * MAX_URL_LENGTH));

export { DEFAULT_SCHEME, SCHEME_LABELS, SIGNATURE_SCHEMES, type SignatureScheme } from './schemes';
export const signatureSchemeSchema = z.enum(SIGNATURE_SCHEMES);

export const apiSchema = z.strictObject({
  id: idSchema,
  name: apiNameSchema,
  versions: versionListSchema,
  createdAt: isoTimeSchema,
});
export type Api = z.infer<typeof apiSchema>;

export const DESCRIPTION_MAX = 200;
/** A webhook's optional label, shown under its URL. */
export const descriptionSchema = z.string().check(
  z.trim(),
  z.maxLength(DESCRIPTION_MAX, `A description has at most ${DESCRIPTION_MAX} characters.`),
  z.refine((text) => !/[\r\n]/.test(text), 'A description is one line.'),
);

export const MAX_CUSTOM_HEADERS = 20;
export const HEADER_VALUE_MAX_BYTES = 1024;
/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * Names a custom header may not take: what the app or HTTP itself sets, and every scheme's signature headers
 * (a custom one would let a delivery carry a forged or a second signature).
 */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'transfer-encoding',
  'x-mindee-hmac-signature',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'stripe-signature',
  'x-github-event',
  'x-github-delivery',
  'x-hub-signature-256',
]);

export const headerNameSchema = z.string().check(
  z.trim(),
  z.regex(HEADER_NAME_PATTERN, "A header name is letters, digits and !#$%&'*+.^_`|~- only, like X-Team."),
  z.refine((name) => !RESERVED_HEADER_NAMES.has(name.toLowerCase()), {
    message: 'Hookwarden sets this header itself (or it is a signature header); choose another name.',
  }),
);

const headerValueSchema = z.string().check(
  z.refine((value) => !/[\r\n\0]/.test(value), 'A header value cannot hold a line break.'),
  z.refine(
    (value) => new TextEncoder().encode(value).length <= HEADER_VALUE_MAX_BYTES,
    `A header value has at most ${HEADER_VALUE_MAX_BYTES} bytes.`,
  ),
);

/** A custom header as stored: a secret one's value is in the keychain, never here (value null). */
export const customHeaderSchema = z.union([
  z.strictObject({ name: headerNameSchema, secret: z.literal(false), value: headerValueSchema }),
  z.strictObject({ name: headerNameSchema, secret: z.literal(true), value: z.null() }),
]);
export type CustomHeader = z.infer<typeof customHeaderSchema>;

/** The lower-cased names of the secret headers among these: their values are keychain items, not config. */
export function secretHeaderNames(headers: readonly CustomHeader[] = []): string[] {
  return headers.filter((header) => header.secret).map((header) => header.name.toLowerCase());
}

/** A header as the user sets it: a secret one's value may be left out to keep the stored one. */
export const customHeaderInputSchema = z.strictObject({
  name: headerNameSchema,
  secret: z.boolean(),
  value: z.optional(headerValueSchema),
});

/** At most 20, each name once (names compare without case, as HTTP's do). */
function headerListSchema<T extends z.ZodMiniType<{ name: string }>>(item: T) {
  return z.array(item).check(
    z.maxLength(MAX_CUSTOM_HEADERS, `A webhook has at most ${MAX_CUSTOM_HEADERS} custom headers.`),
    z.refine(
      (headers) => new Set(headers.map((h) => h.name.toLowerCase())).size === headers.length,
      'Each header name may appear once.',
    ),
  );
}
export const customHeadersSchema = headerListSchema(customHeaderSchema);
export const customHeadersInputSchema = headerListSchema(customHeaderInputSchema);

/** How a secret header's value appears in delivery records and curl commands. */
export const MASKED_HEADER_VALUE = '••••';

export const webhookSchema = z.strictObject({
  id: idSchema,
  apiId: idSchema,
  version: versionLabelSchema,
  url: endpointUrlSchema.check(z.refine((url) => checkEndpointUrl(url).ok, 'invalid endpoint URL')),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  secretRotatedAt: isoTimeSchema,
  scheme: signatureSchemeSchema,
  /** Absent in files written before descriptions existed: no description. */
  description: z.optional(descriptionSchema),
  /** Absent: active. A paused webhook still takes test deliveries, after the UI asks. */
  paused: z.optional(z.boolean()),
  /** Sent with every delivery; absent: none. */
  headers: z.optional(customHeadersSchema),
  /** A secret rotation in progress (see rotation.ts); absent: none. */
  rotation: z.optional(rotationSchema),
  /** The last "Check endpoint" of the current URL (see preflight.ts); dropped when the URL changes. */
  endpointCheck: z.optional(endpointCheckSchema),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The latest delivery of a webhook, for its row: "200 · 2 min ago", "Failed · Timeout". */
export interface LastDelivery {
  sentAt: string;
  outcome: 'success' | 'failure';
  /** The HTTP status when a response came back. */
  status: number | null;
  /** The failure's kind when there was no response. */
  failureKind: string | null;
}

/** What the renderer sees of a webhook: never the secret, plus derived facts. */
export interface WebhookView extends Webhook {
  insecure: boolean;
  secretMissing: boolean;
  lastDelivery: LastDelivery | null;
}

export type NoticeKind =
  | 'config-moved-aside'
  | 'delivery-log-moved-aside'
  /** Bad lines of the delivery log's journal, kept in a file of their own. */
  | 'delivery-log-lines-set-aside'
  | 'keychain-unavailable'
  /** Items with this profile's prefix that no webhook references; the user may remove or keep them. */
  | 'orphan-secrets'
  /** A regenerate that a restart completed: the webhook's secret changed. */
  | 'secret-changed';

export interface Notice {
  kind: NoticeKind;
  message: string;
}

export type KeychainStatus = { available: true } | { available: false; message: string };

export { SECRET_PREFIX } from './secrets';

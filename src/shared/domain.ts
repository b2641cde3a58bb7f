import { z } from 'zod';
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
  .trim()
  .min(1, 'Give the API a name.')
  .max(API_NAME_MAX, `An API name has at most ${API_NAME_MAX} characters.`);

/** A name as the user typed it: cleaned, then held to the same rules. */
export const apiNameInputSchema = z.string().transform(cleanApiName).pipe(apiNameSchema);

export const versionLabelSchema = z
  .string()
  .trim()
  .regex(
    VERSION_LABEL_PATTERN,
    'A version label is letters, digits, dots, dashes or underscores, like v4 or 2.1.',
  );

export const versionListSchema = z
  .array(versionLabelSchema)
  .min(1, 'An API needs at least one product version.')
  .max(100)
  .refine((versions) => new Set(versions).size === versions.length, 'Product versions must be unique.');

/** Splits the "v4, v3" text of a form into version labels. */
export function parseVersionList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export const idSchema = z.uuid();
export const isoTimeSchema = z.iso.datetime();

/** What a channel accepts as a URL: up to twice the rule's limit, so the rule itself says why it is too long. */
export const endpointUrlSchema = z.string().max(2 * MAX_URL_LENGTH);

/** How a webhook's deliveries are signed; Mindee is the default. */
export const SIGNATURE_SCHEMES = ['mindee', 'standard-webhooks', 'stripe', 'github'] as const;
export const signatureSchemeSchema = z.enum(SIGNATURE_SCHEMES);
export type SignatureScheme = z.infer<typeof signatureSchemeSchema>;
export const DEFAULT_SCHEME: SignatureScheme = 'mindee';
/** The names the UI shows for each scheme. */
export const SCHEME_LABELS: Record<SignatureScheme, string> = {
  mindee: 'Mindee',
  'standard-webhooks': 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
};

export const apiSchema = z.strictObject({
  id: idSchema,
  name: apiNameSchema,
  versions: versionListSchema,
  createdAt: isoTimeSchema,
});
export type Api = z.infer<typeof apiSchema>;

export const DESCRIPTION_MAX = 200;
/** A webhook's optional label, shown under its URL. */
export const descriptionSchema = z
  .string()
  .trim()
  .max(DESCRIPTION_MAX, `A description has at most ${DESCRIPTION_MAX} characters.`)
  .refine((text) => !/[\r\n]/.test(text), 'A description is one line.');

export const webhookSchema = z.strictObject({
  id: idSchema,
  apiId: idSchema,
  version: versionLabelSchema,
  url: endpointUrlSchema.refine((url) => checkEndpointUrl(url).ok, 'invalid endpoint URL'),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  secretRotatedAt: isoTimeSchema,
  scheme: signatureSchemeSchema,
  /** Absent in files written before descriptions existed: no description. */
  description: descriptionSchema.optional(),
  /** Absent: active. A paused webhook still takes test deliveries, after the UI asks. */
  paused: z.boolean().optional(),
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

export const SECRET_PREFIX = 'whsec_';

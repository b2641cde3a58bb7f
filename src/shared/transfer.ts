/** Export and import of a configuration, shared by main, the CLI and the UI. */
import { z } from 'zod/mini';
import { DEFAULT_SETTINGS, settingsSchema, storedTemplateSchema } from './delivery';
import { apiSchema, secretHeaderNames, webhookSchema } from './domain';
import { idSchema, isoTimeSchema } from './ids';

export const EXPORT_FORMAT = 'hookwarden-configuration';
export const EXPORT_VERSION = 1;

/** A webhook as exported: its state on this machine (a rotation in progress, an endpoint check) stays here. */
export const exportedWebhookSchema = z.omit(webhookSchema, { rotation: true, endpointCheck: true });

/** The secrets of one webhook, only in an encrypted export: its current secret and secret headers' values. */
const exportedSecretsSchema = z.strictObject({
  current: z.string().check(z.minLength(1)),
  headers: z.record(z.string(), z.string()),
});

/** Each item's id once: an id listed twice would be both added and replaced by an import. */
const uniqueIds = <T extends { id: string }>(what: string) =>
  z.refine<T[]>((items) => new Set(items.map(({ id }) => id)).size === items.length, {
    message: `${what} id appears twice`,
  });

/**
 * Secrets only for the file's own webhooks, and header values only under the lower-case name of one of that
 * webhook's secret headers (as exports write them): any other value would land in a keychain item that no
 * webhook owns, and two spellings of one header in the same item.
 */
const secretsOfTheWebhooks = z.superRefine<{
  webhooks: ExportedWebhook[];
  secrets?: Record<string, { headers: Record<string, string> }>;
}>((file, ctx) => {
  for (const [webhookId, { headers }] of Object.entries(file.secrets ?? {})) {
    const webhook = file.webhooks.find(({ id }) => id === webhookId);
    if (!webhook) {
      ctx.addIssue({
        code: 'custom',
        path: ['secrets', webhookId],
        message: 'belongs to no webhook of the file',
      });
      continue;
    }
    const secretHeaders = new Set(secretHeaderNames(webhook.headers));
    for (const name of Object.keys(headers)) {
      if (!secretHeaders.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['secrets', webhookId, 'headers', name],
          message: 'is not the lower-case name of a secret header of this webhook',
        });
      }
    }
  }
});

export const exportFileSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: isoTimeSchema,
    apis: z.array(apiSchema).check(uniqueIds('an API')),
    webhooks: z.array(exportedWebhookSchema).check(uniqueIds('a webhook')),
    templates: z.array(storedTemplateSchema),
    settings: z._default(settingsSchema, DEFAULT_SETTINGS),
    /** By webhook id; present only in an export with secrets (which is always encrypted). */
    secrets: z.optional(z.record(idSchema, exportedSecretsSchema)),
  })
  .check(secretsOfTheWebhooks);
export type ExportFile = z.infer<typeof exportFileSchema>;
export type ExportedWebhook = z.infer<typeof exportedWebhookSchema>;

/** What an import would do, shown before anything changes. Webhooks are named "API version (URL)". */
export interface ImportPreview {
  withSecrets: boolean;
  apis: { added: string[]; updated: string[] };
  webhooks: {
    added: string[];
    /** The same id is already here: replaced or skipped, as chosen. */
    sameId: string[];
    /** Another webhook of the same API has the same version and URL: added anyway or skipped, as chosen. */
    duplicates: string[];
    /** Not importable now (a rotation in progress here): skipped. */
    blocked: string[];
  };
  templates: number;
}

export const MIN_PASSPHRASE_LENGTH = 8;
export const passphraseSchema = z
  .string()
  .check(
    z.minLength(MIN_PASSPHRASE_LENGTH, `A passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters.`),
    z.maxLength(1024),
  );

export const importChoicesSchema = z.strictObject({
  sameId: z._default(z.enum(['replace', 'skip']), 'replace'),
  duplicates: z._default(z.enum(['add', 'skip']), 'skip'),
});
export type ImportChoices = z.infer<typeof importChoicesSchema>;

export interface ImportResult {
  added: string[];
  replaced: string[];
  skipped: string[];
  /** Webhooks that got a fresh secret (a plain export has none): their receivers need it. */
  freshSecrets: string[];
}

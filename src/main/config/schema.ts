/** The persisted config's shape, its schema version and the migrations that bring older files up to date. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, storedTemplateSchema } from '../../shared/delivery';
import { DEFAULT_SCHEME, apiSchema, idSchema, webhookSchema } from '../../shared/domain';
import type { ConfigData } from './ports';
import { readVersioned, type Migration } from '../storage/versioned-file';

export const CONFIG_SCHEMA_VERSION = 3;

export const configSchema = z
  .strictObject({
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION),
    profileId: idSchema,
    keychainMigrationPending: z.boolean(),
    apis: z.array(apiSchema),
    webhooks: z.array(webhookSchema),
    templates: z.array(storedTemplateSchema),
    settings: settingsSchema,
  })
  .superRefine((config, ctx) => {
    const apis = new Map(config.apis.map((api) => [api.id, api]));
    if (apis.size !== config.apis.length) ctx.addIssue({ code: 'custom', message: 'duplicate API id' });
    const names = new Set(config.apis.map((api) => api.name.toLowerCase()));
    if (names.size !== config.apis.length) ctx.addIssue({ code: 'custom', message: 'duplicate API name' });
    const webhookIds = new Set(config.webhooks.map((w) => w.id));
    if (webhookIds.size !== config.webhooks.length)
      ctx.addIssue({ code: 'custom', message: 'duplicate webhook id' });
    for (const webhook of config.webhooks) {
      if (!apis.get(webhook.apiId)?.versions.includes(webhook.version)) {
        ctx.addIssue({
          code: 'custom',
          message: `webhook ${webhook.id} points to an unknown API or version`,
        });
      }
    }
  });

/** The JSON schema electron-store validates every read and write with, derived from the zod schema above. */
export const configJsonSchema = z.toJSONSchema(configSchema, { target: 'draft-7' });

/** A new profile's config: its own random id, nothing in it yet. */
export function emptyConfig(): ConfigData {
  return {
    schemaVersion: CONFIG_SCHEMA_VERSION,
    profileId: randomUUID(),
    keychainMigrationPending: false,
    apis: [],
    webhooks: [],
    templates: [],
    settings: DEFAULT_SETTINGS,
  };
}

export const CONFIG_MIGRATIONS: Record<number, Migration> = {
  // Files written before the schema version existed hold the same shape without the field.
  0: (old) => old,
  // 2 adds the signature scheme per webhook (existing ones keep Mindee's), payload templates and settings.
  1: (old) => ({
    ...old,
    webhooks: Array.isArray(old.webhooks) ? old.webhooks.map(withDefaultScheme) : old.webhooks,
    templates: [],
    settings: DEFAULT_SETTINGS,
  }),
  // 3 gives the profile its own id, which names its keychain items; the older items (named by webhook id)
  // are copied to the new names at the next keychain check.
  2: (old) => ({ ...old, profileId: randomUUID(), keychainMigrationPending: true }),
};

function withDefaultScheme(webhook: unknown): unknown {
  const isObject = typeof webhook === 'object' && webhook !== null && !Array.isArray(webhook);
  return isObject ? { scheme: DEFAULT_SCHEME, ...webhook } : webhook;
}

/** Parses a config file's JSON value: migrates it to the current version, then validates it. */
export function parseConfig(
  raw: unknown,
  migrations: Record<number, Migration> = CONFIG_MIGRATIONS,
): { data: ConfigData; migrated: boolean } {
  const { data, fromVersion } = readVersioned(raw, {
    what: 'config',
    current: CONFIG_SCHEMA_VERSION,
    migrations,
    schema: configSchema,
  });
  return { data, migrated: fromVersion !== CONFIG_SCHEMA_VERSION };
}

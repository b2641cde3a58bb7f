/**
 * What importing an export into this config would do, worked out in full before anything changes: the
 * resulting config (validated like any config) and the secrets to write. Pure.
 * - An API with the same id, or else the same name, is the same API: it gains the export's versions (none of
 *   its own is dropped, as webhooks may use them).
 * - A webhook with the same id is replaced or skipped, as chosen (skipped while it is being rotated here); one
 *   with the same API, version and URL as another is added anyway or skipped, as chosen; others are added.
 * - Templates and settings from the export replace this config's.
 */
import type { Api, Webhook } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ExportFile, ExportedWebhook, ImportChoices, ImportPreview } from '../../shared/transfer';
import { firstIssue } from '../../shared/zod-issues';
import { configSchema } from '../config/schema';
import type { ConfigData } from '../config/ports';

/** A webhook's secrets to write: from the export, or fresh (`current: null`) for a plain export's new webhook. */
export interface SecretsToWrite {
  webhookId: string;
  current: string | null;
  headers: Record<string, string>;
}

export interface ImportPlan {
  preview: ImportPreview;
  next: ConfigData;
  secrets: SecretsToWrite[];
  /** Names for the result: by webhook id. */
  names: Map<string, string>;
  replaced: string[];
  skipped: string[];
  added: string[];
}

function nameOf(apis: readonly Api[], webhook: { apiId: string; version: string; url: string }): string {
  const api = apis.find((candidate) => candidate.id === webhook.apiId);
  return `${api?.name ?? 'an unknown API'} ${webhook.version} (${webhook.url})`;
}

/** The export's APIs merged into this config's; `idOf` maps an exported API id to the one it becomes. */
function mergeApis(current: readonly Api[], incoming: readonly Api[]) {
  const apis = [...current];
  const idOf = new Map<string, string>();
  const added: string[] = [];
  const updated: string[] = [];
  for (const api of incoming) {
    const index = apis.findIndex(
      (candidate) => candidate.id === api.id || candidate.name.toLowerCase() === api.name.toLowerCase(),
    );
    if (index === -1) {
      apis.push(api);
      idOf.set(api.id, api.id);
      added.push(api.name);
      continue;
    }
    const existing = apis[index] as Api;
    idOf.set(api.id, existing.id);
    const versions = [...existing.versions, ...api.versions.filter((v) => !existing.versions.includes(v))];
    if (versions.length !== existing.versions.length) {
      apis[index] = { ...existing, versions };
      updated.push(existing.name);
    }
  }
  return { apis, idOf, added, updated };
}

export function planImport(config: ConfigData, file: ExportFile, choices: ImportChoices): ImportPlan {
  const { apis, idOf, added: apisAdded, updated: apisUpdated } = mergeApis(config.apis, file.apis);
  const webhooks = [...config.webhooks];
  const names = new Map<string, string>();
  const secrets: SecretsToWrite[] = [];
  const preview: ImportPreview = {
    withSecrets: file.secrets !== undefined,
    apis: { added: apisAdded, updated: apisUpdated },
    webhooks: { added: [], sameId: [], duplicates: [], blocked: [] },
    templates: file.templates.length,
  };
  const added: string[] = [];
  const replaced: string[] = [];
  const skipped: string[] = [];

  for (const exported of file.webhooks) {
    const webhook: ExportedWebhook = { ...exported, apiId: idOf.get(exported.apiId) ?? exported.apiId };
    const name = nameOf(apis, webhook);
    names.set(webhook.id, name);
    const fromFile = file.secrets?.[webhook.id];
    const index = webhooks.findIndex((candidate) => candidate.id === webhook.id);
    if (index !== -1) {
      if ((webhooks[index] as Webhook).rotation) {
        preview.webhooks.blocked.push(name);
        skipped.push(name);
      } else {
        preview.webhooks.sameId.push(name);
        if (choices.sameId === 'skip') skipped.push(name);
        else {
          const existing = webhooks[index] as Webhook;
          // A check of the same URL stays true: re-importing the same file changes nothing.
          const kept = existing.url === webhook.url && existing.endpointCheck;
          webhooks[index] = kept ? { ...webhook, endpointCheck: kept } : webhook;
          replaced.push(name);
          // A plain export keeps the secret this profile has.
          if (fromFile) secrets.push({ webhookId: webhook.id, ...fromFile });
        }
      }
      continue;
    }
    const duplicate = webhooks.some(
      (w) => w.apiId === webhook.apiId && w.version === webhook.version && w.url === webhook.url,
    );
    if (duplicate) {
      preview.webhooks.duplicates.push(name);
      if (choices.duplicates === 'skip') {
        skipped.push(name);
        continue;
      }
    } else {
      preview.webhooks.added.push(name);
    }
    webhooks.push(webhook);
    added.push(name);
    secrets.push({
      webhookId: webhook.id,
      current: fromFile?.current ?? null,
      headers: fromFile?.headers ?? {},
    });
  }

  const templates = [...config.templates];
  for (const exported of file.templates) {
    const template = { ...exported, apiId: idOf.get(exported.apiId) ?? exported.apiId };
    const at = templates.findIndex((t) => t.apiId === template.apiId && t.version === template.version);
    if (at === -1) templates.push(template);
    else templates[at] = template;
  }

  const parsed = configSchema.safeParse({ ...config, apis, webhooks, templates, settings: file.settings });
  if (!parsed.success) {
    throw new AppError(
      'INVALID_FILE',
      `This export does not fit this configuration: ${firstIssue(parsed.error, 'the file')}.`,
    );
  }
  return { preview, next: parsed.data, secrets, names, added, replaced, skipped };
}

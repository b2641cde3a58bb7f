/** The export file: built from the config (and, for an encrypted export, the secrets), and read back strictly. */
import { AppError } from '../../shared/errors';
import type { Webhook } from '../../shared/domain';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportFileSchema,
  type ExportedWebhook,
  type ExportFile,
} from '../../shared/transfer';
import { firstIssue } from '../../shared/zod-issues';
import type { ConfigData } from '../config/ports';

/** A webhook without what only means something on this machine: a rotation in progress, an endpoint check. */
function stripLocalState(webhook: Webhook): ExportedWebhook {
  const copy = { ...webhook };
  delete copy.rotation;
  delete copy.endpointCheck;
  return copy;
}

export function buildExport(config: ConfigData, now: Date, secrets?: ExportFile['secrets']): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    apis: config.apis,
    webhooks: config.webhooks.map(stripLocalState),
    templates: config.templates,
    settings: config.settings,
    ...(secrets && { secrets }),
  };
}

const invalid = (reason: string) => new AppError('INVALID_FILE', reason);

/** Reads an export's text: INVALID_FILE saying why when it is not one this version can import. */
export function parseExport(text: string): ExportFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('This file is not a Hookwarden export: it is not JSON (it may be truncated or corrupt).');
  }
  const head = (typeof value === 'object' && value !== null ? value : {}) as {
    format?: unknown;
    version?: unknown;
  };
  if (head.format !== EXPORT_FORMAT) throw invalid('This file is not a Hookwarden export (another format).');
  if (typeof head.version === 'number' && head.version > EXPORT_VERSION) {
    throw invalid(
      `This export was made by a newer Hookwarden (format version ${head.version}): update first.`,
    );
  }
  const parsed = exportFileSchema.safeParse(value);
  if (!parsed.success)
    throw invalid(`This export cannot be imported: ${firstIssue(parsed.error, 'the file')}.`);
  return parsed.data;
}

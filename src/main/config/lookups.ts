import { AppError } from '../../shared/errors';
import type { Api, Webhook } from '../../shared/domain';
import type { ConfigData, ConfigStore } from './ports';

export function findApi(config: ConfigData, id: string): Api {
  const api = config.apis.find((candidate) => candidate.id === id);
  if (!api) throw new AppError('NOT_FOUND', 'This API no longer exists.');
  return api;
}

/** The API, if it has this product version; VERSION_UNKNOWN otherwise. */
export function assertVersionKnown(config: ConfigData, apiId: string, version: string): Api {
  const api = findApi(config, apiId);
  if (!api.versions.includes(version)) {
    throw new AppError('VERSION_UNKNOWN', `${api.name} has no product version "${version}".`);
  }
  return api;
}

/** How main names a webhook to its user (notices, the doctor): API, version and URL. */
export function webhookName(config: ConfigData, webhook: Webhook): string {
  const api = config.apis.find((candidate) => candidate.id === webhook.apiId);
  return `${api?.name ?? 'a deleted API'} ${webhook.version} (${webhook.url})`;
}

export function findWebhook(config: ConfigData, id: string): Webhook {
  const webhook = config.webhooks.find((candidate) => candidate.id === id);
  if (!webhook) throw new AppError('NOT_FOUND', 'This webhook no longer exists.');
  return webhook;
}

/**
 * Reads, changes and writes the config in one synchronous step under the profile's lock, so neither an await
 * nor another process can interleave another change.
 */
export function updateConfig(store: ConfigStore, change: (current: ConfigData) => ConfigData): void {
  store.update(change);
}

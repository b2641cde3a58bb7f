/** How a command names an API or a webhook: its id, a unique start of its id, or its name / URL. */
import type { Api, Webhook } from '../shared/domain';
import type { ConfigData } from '../main/config/ports';
import { CliError, EXIT } from './exit-codes';

function pick<T extends { id: string }>(
  what: string,
  ref: string,
  items: readonly T[],
  sameName: (item: T) => boolean,
  describe: (item: T) => string,
): T {
  const exact = items.find((item) => item.id === ref);
  if (exact) return exact;
  const named = items.filter(sameName);
  const candidates = named.length > 0 ? named : items.filter((item) => item.id.startsWith(ref));
  if (candidates.length === 1) return candidates[0] as T;
  if (candidates.length === 0) throw new CliError(`No ${what} matches "${ref}".`, EXIT.notFound);
  throw new CliError(
    `"${ref}" matches ${candidates.length} ${what}s: ${candidates.map(describe).join(', ')}. Give more of the id.`,
    EXIT.usage,
  );
}

export function findApiRef(config: ConfigData, ref: string): Api {
  return pick(
    'API',
    ref,
    config.apis,
    (api) => api.name.toLowerCase() === ref.toLowerCase(),
    (api) => `${api.id} (${api.name})`,
  );
}

export function findWebhookRef(config: ConfigData, ref: string): Webhook {
  return pick(
    'webhook',
    ref,
    config.webhooks,
    (webhook) => webhook.url === ref,
    (webhook) => `${webhook.id} (${webhook.version} ${webhook.url})`,
  );
}

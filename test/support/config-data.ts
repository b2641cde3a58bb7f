/** Config contents written directly, as a previous run could have left them (no IPC, no keychain). */
import { randomUUID } from 'node:crypto';
import { emptyConfig } from '../../src/main/config/schema';
import type { ConfigData } from '../../src/main/config/ports';
import { DEFAULT_SCHEME, type SignatureScheme, type Webhook } from '../../src/shared/domain';

/** One API "Invoices" (v4) with one webhook on v4, and optionally a saved test payload for v4. */
export function oneWebhookConfig(options: { url: string; scheme: SignatureScheme; templateJson?: string }) {
  const apiId = randomUUID();
  const webhookId = randomUUID();
  const now = new Date().toISOString();
  const { url, scheme, templateJson } = options;
  const config: ConfigData = {
    ...emptyConfig(),
    apis: [{ id: apiId, name: 'Invoices', versions: ['v4'], createdAt: now }],
    webhooks: [
      {
        id: webhookId,
        apiId,
        version: 'v4',
        url,
        createdAt: now,
        updatedAt: now,
        secretRotatedAt: now,
        scheme,
      },
    ],
    templates:
      templateJson === undefined ? [] : [{ apiId, version: 'v4', json: templateJson, updatedAt: now }],
  };
  return { config, apiId, webhookId };
}

/**
 * `count` webhooks of one API as a long-used config holds them, created a minute apart (the first is the
 * newest), with the URL and version each index is given.
 */
export function manyWebhooks(
  apiId: string,
  count: number,
  { url, version, now = Date.now() }: { url(i: number): string; version(i: number): string; now?: number },
): Webhook[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(now - i * 60_000).toISOString();
    return {
      id: randomUUID(),
      apiId,
      version: version(i),
      url: url(i),
      createdAt: at,
      updatedAt: at,
      secretRotatedAt: at,
      scheme: DEFAULT_SCHEME,
    };
  });
}

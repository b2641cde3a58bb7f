/** Config contents written directly, as a previous run could have left them (no IPC, no keychain). */
import { randomUUID } from 'node:crypto';
import { emptyConfig } from '../../src/main/config/schema';
import type { ConfigData } from '../../src/main/config/ports';
import type { SignatureScheme } from '../../src/shared/domain';

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

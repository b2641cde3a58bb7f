import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { DEFAULT_SCHEME, type Webhook, type WebhookView } from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';
import { checkEndpointUrl, isInsecureUrl } from '../../shared/url-rule';
import { assertVersionKnown, findApi, findWebhook, updateConfig } from './lookups';
import type { Clock, ConfigData, ConfigStore, SecretVault } from './ports';
import { generateSecret } from './secret-format';

interface Deps {
  config: ConfigStore;
  vault: SecretVault;
  clock: Clock;
  /** Ids of webhooks whose secret is not in the keychain (found at startup or on use). */
  missingSecrets: Set<string>;
  /** Removes the delivery logs of deleted webhooks. */
  forgetDeliveries: (webhookIds: string[]) => void;
}

function validUrl(url: string): string {
  const check = checkEndpointUrl(url);
  if (!check.ok) throw new AppError('INVALID_URL', check.reason);
  return check.url;
}

function replaceWebhook(config: ConfigData, next: Webhook): ConfigData {
  return { ...config, webhooks: config.webhooks.map((w) => (w.id === next.id ? next : w)) };
}

export function createWebhookService({ config, vault, clock, missingSecrets, forgetDeliveries }: Deps) {
  /** Applies changes to one webhook in a single config write and returns the result. */
  const change = (id: string, changes: Partial<Pick<Webhook, 'url' | 'scheme'>>): Webhook => {
    let updated: Webhook | undefined;
    updateConfig(config, (current) => {
      updated = { ...findWebhook(current, id), ...changes, updatedAt: clock.now().toISOString() };
      return replaceWebhook(current, updated);
    });
    return updated as Webhook;
  };

  const view = (webhook: Webhook): WebhookView => ({
    ...webhook,
    insecure: isInsecureUrl(webhook.url),
    secretMissing: missingSecrets.has(webhook.id),
  });

  return {
    /** Never touches the keychain. */
    list({ apiId }: ParsedInput<'webhooks.list'>): WebhookView[] {
      const current = config.read();
      findApi(current, apiId);
      return current.webhooks.filter((w) => w.apiId === apiId).map(view);
    },

    /** Secret first, then config; if the config write fails the secret is removed again. */
    async create({ apiId, version, url, scheme }: ParsedInput<'webhooks.create'>): Promise<WebhookView> {
      const endpoint = validUrl(url);
      assertVersionKnown(config.read(), apiId, version);
      const now = clock.now().toISOString();
      const webhook: Webhook = {
        id: randomUUID(),
        apiId,
        version,
        url: endpoint,
        createdAt: now,
        updatedAt: now,
        secretRotatedAt: now,
        scheme: scheme ?? DEFAULT_SCHEME,
      };
      await vault.set(webhook.id, generateSecret());
      try {
        updateConfig(config, (current) => {
          assertVersionKnown(current, apiId, version);
          return { ...current, webhooks: [...current.webhooks, webhook] };
        });
      } catch (error) {
        await vault.delete(webhook.id).catch(() => false); // startup removes it if this fails too
        throw error;
      }
      return view(webhook);
    },

    updateUrl({ id, url }: ParsedInput<'webhooks.updateUrl'>): WebhookView {
      const endpoint = validUrl(url);
      return view(change(id, { url: endpoint }));
    },

    setScheme({ id, scheme }: ParsedInput<'webhooks.setScheme'>): WebhookView {
      return view(change(id, { scheme }));
    },

    /** Config first, then secret: a crash in between leaves an orphan secret, which startup removes. */
    async delete({ id }: ParsedInput<'webhooks.delete'>): Promise<{ id: string }> {
      findWebhook(config.read(), id);
      await vault.probe(); // fail with KEYCHAIN_UNAVAILABLE before changing anything
      updateConfig(config, (current) => {
        findWebhook(current, id);
        return { ...current, webhooks: current.webhooks.filter((w) => w.id !== id) };
      });
      missingSecrets.delete(id);
      forgetDeliveries([id]);
      await vault.delete(id);
      return { id };
    },

    /** One keychain write replaces the secret; if the config cannot record it, the old secret is put back. */
    async regenerateSecret({ id }: ParsedInput<'webhooks.regenerateSecret'>): Promise<WebhookView> {
      findWebhook(config.read(), id);
      const previous = await vault.get(id);
      await vault.set(id, generateSecret());
      let updated: Webhook | undefined;
      try {
        updateConfig(config, (current) => {
          const now = clock.now().toISOString();
          updated = { ...findWebhook(current, id), updatedAt: now, secretRotatedAt: now };
          return replaceWebhook(current, updated);
        });
      } catch (error) {
        await (previous === null ? vault.delete(id) : vault.set(id, previous)).catch(() => undefined);
        throw error;
      }
      missingSecrets.delete(id);
      return view(updated as Webhook);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;

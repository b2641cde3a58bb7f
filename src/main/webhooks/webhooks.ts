import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Delivery } from '../../shared/delivery';
import {
  DEFAULT_SCHEME,
  secretHeaderNames,
  type CustomHeader,
  type LastDelivery,
  type Webhook,
  type WebhookView,
} from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';
import { checkEndpointUrl, isInsecureUrl } from '../../shared/url-rule';
import { assertVersionKnown, findApi, findWebhook, updateConfig, webhookName } from '../config/lookups';
import type { Clock } from '../ports';
import type { ConfigData, ConfigStore } from '../config/ports';
import { headerSlot, type ProfileSecrets } from '../keychain/profile-secrets';
import { generateSecret } from '../keychain/secret-format';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  clock: Clock;
  /** Ids of webhooks whose secret is not in the keychain (found at startup or on use). */
  missingSecrets: Set<string>;
  /** Removes the delivery logs of deleted webhooks. */
  forgetDeliveries: (webhookIds: string[]) => void;
  /** Clears the clipboard if it still holds a secret that stopped being valid. */
  clearIfHolding: (secret: string) => Promise<void>;
  /** The newest delivery record of a webhook, if any. */
  latestDelivery: (webhookId: string) => Delivery | undefined;
}

/** The row's summary of a webhook's newest delivery. */
function summary(record: Delivery | undefined): LastDelivery | null {
  if (!record) return null;
  return {
    sentAt: record.sentAt,
    outcome: record.outcome,
    status: record.response?.status ?? null,
    failureKind: record.response ? null : (record.error?.kind ?? null),
  };
}

/** The URL as the shared rule accepts it; INVALID_URL with the rule's reason otherwise. */
function acceptedUrl(url: string): string {
  const check = checkEndpointUrl(url);
  if (!check.ok) throw new AppError('INVALID_URL', check.reason);
  return check.url;
}

function replaceWebhook(config: ConfigData, next: Webhook): ConfigData {
  return { ...config, webhooks: config.webhooks.map((w) => (w.id === next.id ? next : w)) };
}

export function createWebhookService(deps: Deps) {
  const { config, secrets, clock, missingSecrets, forgetDeliveries, clearIfHolding } = deps;
  const lastDeliveryOf = (id: string) => summary(deps.latestDelivery(id));
  /** Applies changes to one webhook in a single config write and returns the result. */
  const change = (
    id: string,
    changes: Partial<Pick<Webhook, 'url' | 'scheme' | 'description' | 'paused' | 'version' | 'headers'>>,
  ): Webhook => {
    let updated: Webhook | undefined;
    updateConfig(config, (current) => {
      const before = findWebhook(current, id);
      updated = { ...before, ...changes, updatedAt: clock.now().toISOString() };
      // An endpoint check says something about the URL it checked only.
      if (updated.url !== before.url) delete updated.endpointCheck;
      return replaceWebhook(current, updated);
    });
    return updated as Webhook;
  };

  const view = (webhook: Webhook): WebhookView => ({
    ...webhook,
    insecure: isInsecureUrl(webhook.url),
    secretMissing: missingSecrets.has(webhook.id),
    lastDelivery: lastDeliveryOf(webhook.id),
  });

  return {
    view,

    /** Never touches the keychain. */
    list({ apiId }: ParsedInput<'webhooks.list'>): WebhookView[] {
      const current = config.read();
      findApi(current, apiId);
      return current.webhooks.filter((w) => w.apiId === apiId).map(view);
    },

    /** Secret first, then config; if the config write fails the secret is removed again. */
    async create(input: ParsedInput<'webhooks.create'>): Promise<WebhookView> {
      const { apiId, version, url, scheme, description } = input;
      const endpoint = acceptedUrl(url);
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
        ...(description && { description }),
      };
      await secrets.set(webhook.id, generateSecret());
      try {
        updateConfig(config, (current) => {
          assertVersionKnown(current, apiId, version);
          return { ...current, webhooks: [...current.webhooks, webhook] };
        });
      } catch (error) {
        // If this fails too, the keychain check reports the item as belonging to no webhook.
        await secrets.delete(webhook.id).catch(() => false);
        throw error;
      }
      return view(webhook);
    },

    updateUrl({ id, url }: ParsedInput<'webhooks.updateUrl'>): WebhookView {
      const endpoint = acceptedUrl(url);
      return view(change(id, { url: endpoint }));
    },

    /** "Edit details": the URL and the description together. */
    updateDetails({ id, url, description }: ParsedInput<'webhooks.updateDetails'>): WebhookView {
      return view(change(id, { url: acceptedUrl(url), description }));
    },

    setScheme({ id, scheme }: ParsedInput<'webhooks.setScheme'>): WebhookView {
      return view(change(id, { scheme }));
    },

    setPaused({ id, paused }: ParsedInput<'webhooks.setPaused'>): WebhookView {
      return view(change(id, { paused }));
    },

    /**
     * Replaces the custom headers. A secret header's value goes to the keychain before the config names it (left
     * out, the stored one is kept); if the config cannot be written, the values it replaced are put back. The
     * values of secret headers that are gone are removed last.
     */
    async setHeaders({ id, headers }: ParsedInput<'webhooks.setHeaders'>): Promise<WebhookView> {
      const before = findWebhook(config.read(), id);
      const wasSecret = new Set(secretHeaderNames(before.headers));
      const stored: CustomHeader[] = headers.map(({ name, secret, value }) => {
        if (secret) {
          if (value === undefined && !wasSecret.has(name.toLowerCase()))
            throw new AppError('INVALID_INPUT', `Give the secret header ${name} a value.`);
          return { name, secret: true, value: null };
        }
        if (value === undefined) throw new AppError('INVALID_INPUT', `Give the header ${name} a value.`);
        return { name, secret: false, value };
      });
      const newValues = headers.filter((h) => h.secret && h.value !== undefined);
      const replaced = new Map<string, string | null>();
      for (const { name } of newValues) replaced.set(name, await secrets.get(id, headerSlot(name)));
      for (const { name, value } of newValues) await secrets.set(id, value as string, headerSlot(name));
      let updated: Webhook;
      try {
        updated = change(id, { headers: stored });
      } catch (error) {
        for (const [name, old] of replaced) {
          const slot = headerSlot(name);
          await (old === null ? secrets.delete(id, slot) : secrets.set(id, old, slot)).catch(() => undefined);
        }
        throw error;
      }
      const stillSecret = new Set(secretHeaderNames(stored));
      for (const name of wasSecret) if (!stillSecret.has(name)) await secrets.delete(id, headerSlot(name));
      return view(updated);
    },

    /** Any version of the webhook's own API. */
    changeVersion({ id, version }: ParsedInput<'webhooks.changeVersion'>): WebhookView {
      assertVersionKnown(config.read(), findWebhook(config.read(), id).apiId, version);
      return view(change(id, { version }));
    },

    /**
     * Config first, then the secrets: a crash in between leaves items of no webhook, which the keychain check
     * reports. A keychain that cannot remove them (locked, down) refuses the delete before anything changes.
     */
    async delete({ id }: ParsedInput<'webhooks.delete'>): Promise<{ id: string }> {
      const webhook = findWebhook(config.read(), id);
      await secrets.probe();
      updateConfig(config, (current) => {
        findWebhook(current, id);
        return { ...current, webhooks: current.webhooks.filter((w) => w.id !== id) };
      });
      missingSecrets.delete(id);
      forgetDeliveries([id]);
      await secrets.removeAll([webhook]);
      return { id };
    },

    /**
     * The new secret waits in the `pending` slot before anything else changes; from then on the change is
     * finished whatever happens: here, or by the keychain check after a restart, which tells the user. Refused
     * during a rotation, whose secrets it would leave behind.
     */
    async regenerateSecret({ id }: ParsedInput<'webhooks.regenerateSecret'>): Promise<WebhookView> {
      if (findWebhook(config.read(), id).rotation) {
        throw new AppError(
          'ROTATION_IN_PROGRESS',
          'A secret rotation of this webhook is in progress: end its overlap or cancel it before regenerating.',
        );
      }
      await secrets.set(id, generateSecret(), 'pending');
      return view(await finishRegenerate(id));
    },

    /** Used by the keychain check for a regenerate a restart interrupted; returns how to name the webhook. */
    async finishInterruptedRegenerate(id: string): Promise<string> {
      return webhookName(config.read(), await finishRegenerate(id));
    },
  };

  /**
   * Makes the pending secret current, then records the rotation time. A config that cannot record it puts
   * the old secret back (the change did not happen); once recorded, the pending copy goes.
   */
  async function finishRegenerate(id: string): Promise<Webhook> {
    const previous = await secrets.get(id);
    const next = await secrets.get(id, 'pending');
    if (next === null)
      throw new AppError('SECRET_MISSING', 'The new signing secret is no longer in the keychain.');
    await secrets.set(id, next);
    let updated: Webhook | undefined;
    try {
      updateConfig(config, (current) => {
        const now = clock.now().toISOString();
        updated = { ...findWebhook(current, id), updatedAt: now, secretRotatedAt: now };
        return replaceWebhook(current, updated);
      });
    } catch (error) {
      await (previous === null ? secrets.delete(id) : secrets.set(id, previous)).catch(() => undefined);
      await secrets.delete(id, 'pending').catch(() => false);
      throw error;
    }
    await secrets.delete(id, 'pending');
    missingSecrets.delete(id);
    if (previous !== null && previous !== next) await clearIfHolding(previous);
    return updated as Webhook;
  }
}

export type WebhookService = ReturnType<typeof createWebhookService>;

import { randomUUID } from 'node:crypto';
import { remove as withoutConfusables } from 'confusables';
import { AppError } from '../../shared/errors';
import type { Api, Webhook } from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';
import { findApi, updateConfig } from '../config/lookups';
import type { Clock } from '../ports';
import type { ConfigData, ConfigStore } from '../config/ports';
import type { ProfileSecrets } from '../keychain/profile-secrets';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  clock: Clock;
  /** Removes the delivery logs of deleted webhooks. */
  forgetDeliveries: (webhookIds: string[]) => void;
}

/**
 * What two names must not share: names are compared without case, and look-alike letters ("Аcme" with a
 * Cyrillic А) count as the same (names arrive NFC and without invisible characters, see cleanApiName).
 */
function nameKey(name: string): string {
  return withoutConfusables(name).toLowerCase();
}

function assertNameFree(config: ConfigData, name: string, exceptId?: string): void {
  const key = nameKey(name);
  const taken = config.apis.some((api) => api.id !== exceptId && nameKey(api.name) === key);
  if (taken) throw new AppError('NAME_TAKEN', `An API named "${name}" already exists.`);
}

export function createApiService({ config, secrets, clock, forgetDeliveries }: Deps) {
  return {
    list(): Api[] {
      return config.read().apis;
    },

    create({ name, versions }: ParsedInput<'apis.create'>): Api {
      const api: Api = { id: randomUUID(), name, versions, createdAt: clock.now().toISOString() };
      updateConfig(config, (current) => {
        assertNameFree(current, name);
        return { ...current, apis: [...current.apis, api] };
      });
      return api;
    },

    update({ id, name, versions }: ParsedInput<'apis.update'>): Api {
      let updated: Api | undefined;
      updateConfig(config, (current) => {
        const api = findApi(current, id);
        if (name !== undefined) assertNameFree(current, name, id);
        if (versions !== undefined) {
          const inUse = new Set(current.webhooks.filter((w) => w.apiId === id).map((w) => w.version));
          const removedInUse = api.versions.filter((v) => inUse.has(v) && !versions.includes(v));
          if (removedInUse.length > 0) {
            throw new AppError(
              'VERSION_IN_USE',
              `Webhooks still listen for ${removedInUse.join(', ')}: delete them, or give them another version with "Change product version" first.`,
            );
          }
        }
        const next: Api = { ...api, name: name ?? api.name, versions: versions ?? api.versions };
        updated = next;
        // A removed version takes its saved test payload with it.
        const templates = current.templates.filter(
          (t) => t.apiId !== id || next.versions.includes(t.version),
        );
        return { ...current, apis: current.apis.map((a) => (a.id === id ? next : a)), templates };
      });
      return updated as Api;
    },

    /**
     * Config first, then the secrets: a crash in between leaves items of no webhook, which the keychain check
     * reports.
     */
    async delete({ id, cascade }: ParsedInput<'apis.delete'>): Promise<{ deletedWebhooks: number }> {
      const before = config.read();
      findApi(before, id);
      const webhooksOf = (data: ConfigData) => data.webhooks.filter((w) => w.apiId === id);
      const count = webhooksOf(before).length;
      if (count > 0 && !cascade) {
        throw new AppError(
          'API_HAS_WEBHOOKS',
          `This API has ${count} webhook(s) and their signing secrets; delete them with it, or delete them first.`,
        );
      }
      // Fail before changing anything when the keychain cannot remove the secrets.
      if (count > 0) await secrets.probe();

      let doomed: Webhook[] = [];
      updateConfig(config, (current) => {
        findApi(current, id);
        doomed = webhooksOf(current);
        return {
          ...current,
          apis: current.apis.filter((a) => a.id !== id),
          webhooks: current.webhooks.filter((w) => w.apiId !== id),
          templates: current.templates.filter((t) => t.apiId !== id),
        };
      });
      forgetDeliveries(doomed.map((w) => w.id));
      await secrets.removeAll(doomed);
      return { deletedWebhooks: doomed.length };
    },
  };
}

export type ApiService = ReturnType<typeof createApiService>;

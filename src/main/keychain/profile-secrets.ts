/**
 * This profile's signing secrets in the keychain. Every item it touches is named `<profileId>/<webhookId>`
 * (plus `#<slot>` for a secret other than the current one), so two data folders sharing one keychain never
 * see, let alone remove, each other's items; items without the prefix are left alone, except that an older
 * version's item named by a webhook id of this config is copied once to its new name (never removed).
 */
import { secretHeaderNames, type Webhook } from '../../shared/domain';
import { SECRET_ROLES, type SecretRole } from '../../shared/rotation';
import type { ConfigStore } from '../config/ports';
import type { SecretVault } from './ports';

/**
 * `current` signs deliveries; `pending` holds a regenerated secret until the config records it; `previous` and
 * `next` hold a rotation's old and new secret (see shared/rotation.ts); `header:<name>` holds the value of a
 * secret custom header (name lower-cased).
 */
export type SecretSlot = SecretRole | 'pending' | `header:${string}`;

/** The slot of a secret custom header's value. */
export const headerSlot = (name: string): SecretSlot => `header:${name.toLowerCase()}`;

export interface OwnAccount {
  account: string;
  webhookId: string;
  slot: SecretSlot;
}

const isSlot = (slot: string): slot is SecretSlot =>
  (SECRET_ROLES as readonly string[]).includes(slot) ||
  slot === 'pending' ||
  /^header:[!#$%&'*+.^_`|~0-9a-z-]+$/.test(slot);

export function accountOf(profileId: string, webhookId: string, slot: SecretSlot = 'current'): string {
  const name = `${profileId}/${webhookId}`;
  return slot === 'current' ? name : `${name}#${slot}`;
}

/** The webhook and slot an account names, or null when it is not one of this profile's items. */
export function parseAccount(profileId: string, account: string): OwnAccount | null {
  const prefix = `${profileId}/`;
  if (!account.startsWith(prefix)) return null;
  const [webhookId = '', slot = 'current', ...rest] = account.slice(prefix.length).split('#');
  if (webhookId === '' || rest.length > 0 || !isSlot(slot)) return null;
  return { account, webhookId, slot };
}

/** Every slot a webhook may have an item in: what deleting the webhook removes. */
export function slotsOf(webhook: Webhook): SecretSlot[] {
  return ['current', 'pending', 'previous', 'next', ...secretHeaderNames(webhook.headers).map(headerSlot)];
}

/** The slots the config gives a use now: a rotation's slots only while its state names them. */
export function slotsInUse(webhook: Webhook): SecretSlot[] {
  const { rotation } = webhook;
  const unused = new Set<SecretSlot>(['previous', 'next']);
  if (rotation?.phase === 'overlap') unused.delete('previous');
  if (rotation?.phase === 'next' || (rotation?.phase === 'overlap' && !rotation.switched))
    unused.delete('next');
  return slotsOf(webhook).filter((slot) => !unused.has(slot));
}

/** The current-secret item of the same webhook. */
export function currentOf(item: OwnAccount): OwnAccount {
  return { ...item, account: item.account.split('#')[0] ?? item.account, slot: 'current' };
}

export function createProfileSecrets(vault: SecretVault, config: ConfigStore) {
  const profileId = () => config.read().profileId;
  const account = (webhookId: string, slot?: SecretSlot) => accountOf(profileId(), webhookId, slot);

  /** This profile's items; other profiles' and unprefixed items are not even named. */
  async function own(): Promise<OwnAccount[]> {
    const id = profileId();
    return (await vault.list()).flatMap((name) => parseAccount(id, name) ?? []);
  }

  /** The older version's item, copied to this profile's name: a copy, so another folder using it keeps it. */
  async function migrated(webhookId: string): Promise<string | null> {
    if (!config.read().keychainMigrationPending) return null;
    const legacy = await vault.get(webhookId);
    if (legacy !== null) await vault.set(account(webhookId), legacy);
    return legacy;
  }

  return {
    async get(webhookId: string, slot: SecretSlot = 'current'): Promise<string | null> {
      const secret = await vault.get(account(webhookId, slot));
      return secret === null && slot === 'current' ? migrated(webhookId) : secret;
    },

    set: (webhookId: string, secret: string, slot?: SecretSlot) =>
      vault.set(account(webhookId, slot), secret),

    delete: (webhookId: string, slot?: SecretSlot) => vault.delete(account(webhookId, slot)),

    own,

    /** Every item of these webhooks, for a delete the user asked for. */
    async removeAll(webhooks: readonly Webhook[]): Promise<void> {
      for (const webhook of webhooks) {
        for (const slot of slotsOf(webhook)) await vault.delete(account(webhook.id, slot));
      }
    },

    /**
     * Copies every older item this config references that has no item of the new name in `existing`;
     * idempotent. Returns the items it made.
     */
    async migrateLegacyItems(existing: readonly OwnAccount[]): Promise<OwnAccount[]> {
      const present = new Set(existing.map((item) => item.account));
      const copied: OwnAccount[] = [];
      for (const { id } of config.read().webhooks) {
        const name = account(id);
        if (!present.has(name) && (await migrated(id)) !== null) {
          copied.push({ account: name, webhookId: id, slot: 'current' });
        }
      }
      return copied;
    },

    probe: () => vault.probe(),
  };
}

export type ProfileSecrets = ReturnType<typeof createProfileSecrets>;

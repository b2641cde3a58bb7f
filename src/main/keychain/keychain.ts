/**
 * The keychain check that runs after the window is up (never before: the list needs no secret), and again on
 * "Try again" until it has passed once. It copies an older version's items to this profile's names, finishes
 * a regenerate that a restart interrupted, flags webhooks whose secret is missing and reports (never removes)
 * this profile's items that no webhook references. Nothing is deleted without the user's say.
 */
import type { KeychainStatus } from '../../shared/domain';
import { isAppError } from '../../shared/errors';
import { updateConfig } from '../config/lookups';
import type { Notices } from '../notices';
import type { ConfigStore } from '../config/ports';
import { currentOf, slotsInUse, type OwnAccount, type ProfileSecrets } from './profile-secrets';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  notices: Notices;
  /** Ids of webhooks whose secret is not in the keychain; refilled by each check. */
  missingSecrets: Set<string>;
  /** Completes a regenerate whose new secret waits in the `pending` slot; says which webhook it was. */
  finishRegenerate: (webhookId: string) => Promise<string>;
  /**
   * Finishes the rotation steps a restart interrupted, ending the overlaps whose time is up; returns `own`
   * without the items that removed.
   */
  settleRotations: (own: OwnAccount[]) => Promise<OwnAccount[]>;
}

export function createKeychainService(deps: Deps) {
  const { config, secrets, notices, missingSecrets, finishRegenerate, settleRotations } = deps;
  /** The unreferenced items last reported: "Remove them" removes these and nothing found later. */
  let reportedOrphans: OwnAccount[] = [];
  let checked = false;

  /** Adds the older version's items, copied to this profile's names, to `own`. */
  async function copyLegacyItems(own: OwnAccount[]): Promise<OwnAccount[]> {
    if (!config.read().keychainMigrationPending) return own;
    const copied = await secrets.migrateLegacyItems(own);
    updateConfig(config, (current) => ({ ...current, keychainMigrationPending: false }));
    return [...own, ...copied];
  }

  /** Finishes each interrupted regenerate and says so; returns `own` as it is afterwards. */
  async function finishInterruptedRegenerates(
    own: OwnAccount[],
    webhookIds: Set<string>,
  ): Promise<OwnAccount[]> {
    const interrupted = own.filter((item) => item.slot === 'pending' && webhookIds.has(item.webhookId));
    for (const { webhookId } of interrupted) {
      const which = await finishRegenerate(webhookId);
      notices.add({
        kind: 'secret-changed',
        message:
          `The signing secret of ${which} was regenerated as Hookwarden stopped; the new secret is in effect. ` +
          'Give your receiver the new secret.',
      });
    }
    const finished = new Set(interrupted.map((item) => item.account));
    const hasCurrent = new Set(own.filter((item) => item.slot === 'current').map((item) => item.webhookId));
    const madeCurrent = interrupted.filter((item) => !hasCurrent.has(item.webhookId)).map(currentOf);
    return [...own.filter((item) => !finished.has(item.account)), ...madeCurrent];
  }

  /** Whether a webhook of the config uses an item (a secret header's value counts while the header is secret). */
  function usedItems(): (item: OwnAccount) => boolean {
    const byId = new Map(config.read().webhooks.map((w) => [w.id, w]));
    return (item) => {
      const webhook = byId.get(item.webhookId);
      return webhook !== undefined && slotsInUse(webhook).includes(item.slot);
    };
  }

  function report(own: OwnAccount[], webhookIds: Set<string>): void {
    const current = new Set(own.filter((item) => item.slot === 'current').map((item) => item.webhookId));
    missingSecrets.clear();
    for (const id of webhookIds) if (!current.has(id)) missingSecrets.add(id);

    const inUse = usedItems();
    reportedOrphans = own.filter((item) => !inUse(item));
    const count = reportedOrphans.length;
    notices.set(
      'orphan-secrets',
      count === 0
        ? null
        : {
            kind: 'orphan-secrets',
            message:
              count === 1
                ? '1 signing secret in the keychain belongs to no webhook of this profile.'
                : `${count} signing secrets in the keychain belong to no webhook of this profile.`,
          },
    );
  }

  async function run(): Promise<void> {
    await secrets.probe();
    // One listing per check: it is the slow part when the keychain holds many items.
    const webhookIds = new Set(config.read().webhooks.map((w) => w.id));
    const own = await finishInterruptedRegenerates(await copyLegacyItems(await secrets.own()), webhookIds);
    report(await settleRotations(own), webhookIds);
    checked = true;
  }

  let running: Promise<void> | null = null;

  /** Runs the check (once at a time); a keychain that cannot answer becomes the banner's notice. */
  function startupCheck(): Promise<void> {
    running ??= run()
      .then(() => notices.set('keychain-unavailable', null))
      .catch((error: unknown) => {
        if (isAppError(error) && error.code === 'KEYCHAIN_UNAVAILABLE')
          notices.set('keychain-unavailable', { kind: 'keychain-unavailable', message: error.message });
        else console.warn('[hookwarden] the keychain check did not finish:', (error as Error).message);
      })
      .finally(() => (running = null));
    return running;
  }

  return {
    startupCheck,

    /** Answers "is the keychain usable now?" for the banner's "Try again"; the first success runs the check. */
    async check(): Promise<KeychainStatus> {
      try {
        await secrets.probe();
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { available: false, message: error.message };
      }
      if (!checked) await startupCheck();
      return { available: true };
    },

    /** "Remove them": the reported items that still belong to no webhook; KEYCHAIN_UNAVAILABLE changes nothing. */
    async removeOrphans(): Promise<{ removed: number }> {
      await secrets.probe();
      const inUse = usedItems();
      const doomed = reportedOrphans.filter((item) => !inUse(item));
      let removed = 0;
      for (const item of doomed) if (await secrets.delete(item.webhookId, item.slot)) removed++;
      reportedOrphans = [];
      notices.set('orphan-secrets', null);
      return { removed };
    },
  };
}

export type KeychainService = ReturnType<typeof createKeychainService>;

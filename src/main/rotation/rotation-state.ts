/**
 * A rotation's secrets in the keychain and its state in the config, kept in agreement. Every step writes the
 * keychain before the config names what it wrote, and removes from the keychain before the config stops
 * naming it, so a crash at any instant leaves a state `settle` can finish from:
 * - overlap not yet `switched`: the new secret may still wait in `next` → it becomes current, `next` goes;
 * - overlap whose `previous` is gone: the end was interrupted → the config ends it too;
 * - a guided rotation whose `next` is gone: the cancel was interrupted → the config ends it too;
 * - no rotation but a `next` item: a roll stopped before the config named its new secret, which nobody has
 *   seen or used → removed; a `previous` item equal to the current secret (a switch stopped before the config
 *   recorded it) is a copy → removed, losing nothing. Any other item the config does not name is left for the
 *   keychain check to report.
 * Steps for one webhook run one at a time (`exclusive`).
 */
import type { Webhook } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { MULTI_SIGNATURE_SCHEMES, type Rotation, type SecretRole } from '../../shared/rotation';
import { findWebhook, updateConfig } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { OwnAccount, ProfileSecrets } from '../keychain/profile-secrets';
import { generateSecret } from '../keychain/secret-format';
import type { Clock } from '../ports';

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  clock: Clock;
  /**
   * The secret of a role: the current one (SECRET_MISSING, and the row flagged, when the keychain lost it), or
   * a rotation's previous or next one (NO_ROTATION when the rotation has none).
   */
  readRole: (webhookId: string, role: SecretRole) => Promise<string>;
  /** Clears the clipboard if it still holds a secret that stopped being valid. */
  clearIfHolding: (secret: string) => Promise<void>;
}

/** What signs a delivery: the secrets, newest first, and their roles (for the record). */
export interface SigningSecrets {
  roles: SecretRole[];
  secrets: string[];
}

type Overlap = Extract<Rotation, { phase: 'overlap' }>;

export function isExpired(rotation: Rotation | undefined, now: Date): rotation is Overlap {
  return rotation?.phase === 'overlap' && Date.parse(rotation.expiresAt) <= now.getTime();
}

/** Whether a read must settle the webhook first (cheap: the config alone says so). */
function needsSettling(webhook: Webhook, now: Date): boolean {
  return (
    (webhook.rotation?.phase === 'overlap' && !webhook.rotation.switched) || isExpired(webhook.rotation, now)
  );
}

export function createRotationState({ config, secrets, clock, readRole, clearIfHolding }: Deps) {
  /** The tail of each webhook's chain of steps. */
  const chains = new Map<string, Promise<unknown>>();

  /** Runs `step` after every earlier step of the same webhook has finished. */
  function exclusive<T>(webhookId: string, step: () => Promise<T>): Promise<T> {
    const run = (chains.get(webhookId) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => undefined);
    chains.set(webhookId, tail);
    void tail.then(() => chains.get(webhookId) === tail && chains.delete(webhookId));
    return run;
  }

  /** Writes a webhook's rotation (undefined: none) in one config write; returns the webhook as written. */
  function recordRotation(webhookId: string, rotation: Rotation | undefined, rotatedAt?: string): Webhook {
    let updated: Webhook | undefined;
    updateConfig(config, (current) => {
      const webhook: Webhook = {
        ...findWebhook(current, webhookId),
        ...(rotatedAt && { secretRotatedAt: rotatedAt, updatedAt: rotatedAt }),
      };
      if (rotation) webhook.rotation = rotation;
      else delete webhook.rotation;
      updated = webhook;
      return { ...current, webhooks: current.webhooks.map((w) => (w.id === webhookId ? webhook : w)) };
    });
    return updated as Webhook;
  }

  /** Removes the slot's item if it is a copy of the current secret (a switch stopped before the config). */
  async function dropIfCopy(webhookId: string, slot: 'previous', current: string): Promise<void> {
    if ((await secrets.get(webhookId, slot)) === current) await secrets.delete(webhookId, slot);
  }

  /** Finishes what a crash or a failed step left half done; see the file's comment. Returns the webhook. */
  async function settleNow(webhookId: string): Promise<Webhook> {
    const webhook = findWebhook(config.read(), webhookId);
    const { rotation } = webhook;
    if (rotation?.phase === 'overlap' && !rotation.switched) {
      const next = await secrets.get(webhookId, 'next');
      if (next !== null) {
        await secrets.set(webhookId, next);
        await secrets.delete(webhookId, 'next');
      }
      return settleNow(recordRotation(webhookId, { ...rotation, switched: true }).id);
    }
    if (rotation?.phase === 'overlap') {
      const previous = await secrets.get(webhookId, 'previous');
      if (previous === null) return recordRotation(webhookId, undefined);
      if (isExpired(rotation, clock.now())) return endOverlapNow(webhookId);
      return webhook;
    }
    if (rotation?.phase === 'next') {
      if ((await secrets.get(webhookId, 'next')) === null) return recordRotation(webhookId, undefined);
    } else {
      // Without a rotation, a `next` item is the new secret of a roll that stopped before the config named
      // it: it was never shown nor used.
      await secrets.delete(webhookId, 'next');
    }
    const current = await secrets.get(webhookId);
    if (current !== null) await dropIfCopy(webhookId, 'previous', current);
    return webhook;
  }

  /** Removes the previous secret, then the config's record of the overlap. */
  async function endOverlapNow(webhookId: string): Promise<Webhook> {
    const previous = await secrets.get(webhookId, 'previous');
    await secrets.delete(webhookId, 'previous');
    const ended = recordRotation(webhookId, undefined);
    if (previous !== null) await clearIfHolding(previous);
    return ended;
  }

  /**
   * The old secret becomes `previous`, the config records the overlap, the new secret becomes current. The
   * new secret must be in `next`.
   */
  async function switchNow(webhookId: string, keepMs: number, guided: boolean): Promise<Webhook> {
    const current = await readRole(webhookId, 'current');
    if ((await secrets.get(webhookId, 'next')) === null) {
      throw new AppError('SECRET_MISSING', 'The new signing secret is no longer in the keychain.');
    }
    await secrets.set(webhookId, current, 'previous');
    const now = clock.now();
    const overlap: Overlap = {
      phase: 'overlap',
      startedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + keepMs).toISOString(),
      guided,
      switched: false,
    };
    try {
      recordRotation(webhookId, overlap, now.toISOString());
    } catch (error) {
      await secrets.delete(webhookId, 'previous').catch(() => false);
      throw error;
    }
    const switched = await settleNow(webhookId);
    return keepMs === 0 ? endOverlapNow(webhookId) : switched;
  }

  return {
    exclusive,

    /** Settles a webhook before a step (inside its `exclusive` chain). */
    settle: settleNow,

    /** A new secret in `next`; the config does not name it yet. */
    async stageNext(webhookId: string): Promise<void> {
      await secrets.set(webhookId, generateSecret(), 'next');
    },

    /** Records a guided rotation waiting at its first step; without a record the staged secret goes again. */
    async recordGuidedStart(webhookId: string): Promise<Webhook> {
      try {
        return recordRotation(webhookId, { phase: 'next', startedAt: clock.now().toISOString(), tests: {} });
      } catch (error) {
        await secrets.delete(webhookId, 'next').catch(() => false);
        throw error;
      }
    },

    switchNow,
    endOverlapNow,

    /** "Cancel rotation": the new secret goes, then the config's record. */
    async cancelNow(webhookId: string): Promise<Webhook> {
      const next = await secrets.get(webhookId, 'next');
      await secrets.delete(webhookId, 'next');
      const cancelled = recordRotation(webhookId, undefined);
      if (next !== null) await clearIfHolding(next);
      return cancelled;
    },

    /** Replaces the rotation's record if it is still the one that was read (a later step may have ended it). */
    updateRotation(webhookId: string, startedAt: string, change: (rotation: Rotation) => Rotation): Webhook {
      const { rotation } = findWebhook(config.read(), webhookId);
      if (rotation?.startedAt !== startedAt) return findWebhook(config.read(), webhookId);
      return recordRotation(webhookId, change(rotation));
    },

    /**
     * The secrets a delivery signs with: one role when asked (a rotation test), else the current secret, and
     * during an overlap the previous one too when the scheme carries several signatures.
     */
    async signingSecrets(webhookId: string, role?: SecretRole): Promise<SigningSecrets> {
      let webhook = findWebhook(config.read(), webhookId);
      if (needsSettling(webhook, clock.now()))
        webhook = await exclusive(webhookId, () => settleNow(webhookId));
      if (role) return { roles: [role], secrets: [await readRole(webhookId, role)] };
      const withPrevious =
        webhook.rotation?.phase === 'overlap' && MULTI_SIGNATURE_SCHEMES.has(webhook.scheme);
      const [current, previous] = await Promise.all([
        readRole(webhookId, 'current'),
        withPrevious ? secrets.get(webhookId, 'previous') : null,
      ]);
      return previous === null
        ? { roles: ['current'], secrets: [current] }
        : { roles: ['current', 'previous'], secrets: [current, previous] };
    },

    /**
     * For the keychain check: settles every webhook that has a rotation or an item in a rotation slot, and
     * returns the listing without the items that settling removed.
     */
    async settleAll(own: readonly OwnAccount[]): Promise<OwnAccount[]> {
      const { webhooks } = config.read();
      const inRotationSlot = new Set(
        own.filter((item) => item.slot === 'previous' || item.slot === 'next').map((item) => item.webhookId),
      );
      const touched = webhooks.filter((w) => w.rotation || inRotationSlot.has(w.id));
      const gone = new Set<string>();
      for (const { id } of touched) {
        await exclusive(id, () => settleNow(id));
        for (const slot of ['previous', 'next'] as const) {
          if ((await secrets.get(id, slot)) === null) gone.add(`${id}#${slot}`);
        }
      }
      return own.filter((item) => !gone.has(`${item.webhookId}#${item.slot}`));
    },
  };
}

export type RotationState = ReturnType<typeof createRotationState>;

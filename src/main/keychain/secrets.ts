import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import { findWebhook } from '../config/lookups';
import type { ClipboardPort, Schedule } from '../ports';
import type { ConfigStore } from '../config/ports';
import { headerSlot, slotsInUse, type ProfileSecrets } from './profile-secrets';
import type { SecretRole } from '../../shared/rotation';

export const CLIPBOARD_CLEAR_MS = 30_000;

interface Deps {
  config: ConfigStore;
  secrets: ProfileSecrets;
  clipboard: ClipboardPort;
  missingSecrets: Set<string>;
  clipboardClearMs?: number;
  /** When the clipboard's clear runs (the system timer unless a test drives it). */
  schedule: Schedule;
}

export function createSecretService(deps: Deps) {
  const { config, secrets, clipboard, missingSecrets, clipboardClearMs, schedule } = deps;
  const clearAfterMs = clipboardClearMs ?? CLIPBOARD_CLEAR_MS;
  /** The secret copied last: what quitting must not leave on the clipboard. */
  let copied: string | null = null;

  async function readSecret(id: string): Promise<string> {
    findWebhook(config.read(), id);
    const secret = await secrets.get(id);
    if (secret === null) {
      missingSecrets.add(id);
      throw new AppError(
        'SECRET_MISSING',
        'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      );
    }
    return secret;
  }

  /** The current secret, or a rotation's previous or next one (NO_ROTATION when the rotation has none). */
  async function readRole(id: string, role: SecretRole): Promise<string> {
    if (role === 'current') return readSecret(id);
    const named = slotsInUse(findWebhook(config.read(), id)).includes(role);
    const secret = named ? await secrets.get(id, role) : null;
    if (secret === null) throw new AppError('NO_ROTATION', `This webhook has no ${role} signing secret.`);
    return secret;
  }

  /** A secret custom header's value; SECRET_MISSING when the keychain lost it. */
  async function readHeaderValue(id: string, name: string): Promise<string> {
    const value = await secrets.get(id, headerSlot(name));
    if (value === null) {
      throw new AppError(
        'SECRET_MISSING',
        `The keychain has no value for the secret header ${name}. Set it again under Advanced.`,
      );
    }
    return value;
  }

  /** Clears the clipboard if it still holds this secret; what the user copied since stays. */
  async function clearIfHolding(secret: string): Promise<void> {
    try {
      if ((await clipboard.readText()) === secret) clipboard.clear();
    } catch {
      // The clipboard is gone with the app or the session: nothing left to clear.
    }
    if (copied === secret) copied = null;
  }

  /**
   * Puts text holding a secret on the clipboard (marked concealed where the platform allows) and clears it
   * after a while, on quit, or when the secret stops being valid, unless the user copied something else.
   */
  async function copySecretText(text: string): Promise<{ clearsAfterMs: number }> {
    await clipboard.writeSecret(text);
    copied = text;
    schedule(clearAfterMs, () => void clearIfHolding(text));
    return { clearsAfterMs: clearAfterMs };
  }

  return {
    readSecret,
    readRole,
    readHeaderValue,
    clearIfHolding,

    /** On quit: a copied secret must not outlive the app. */
    async clearCopied(): Promise<void> {
      if (copied !== null) await clearIfHolding(copied);
    },

    async reveal({ id, role }: ParsedInput<'secrets.reveal'>): Promise<{ secret: string }> {
      return { secret: await readRole(id, role) };
    },

    /** Copies in main, so the renderer never needs the secret; clears it later unless the user copied something else. */
    async copy({ id, role }: ParsedInput<'secrets.copy'>): Promise<{ clearsAfterMs: number }> {
      return copySecretText(await readRole(id, role));
    },

    copySecretText,
  };
}

export type SecretService = ReturnType<typeof createSecretService>;

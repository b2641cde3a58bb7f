import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import { findWebhook } from '../config/lookups';
import type { ClipboardPort, Schedule } from '../ports';
import type { ConfigStore } from '../config/ports';
import { headerSlot, type ProfileSecrets } from './profile-secrets';

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

  return {
    readSecret,
    readHeaderValue,
    clearIfHolding,

    /** On quit: a copied secret must not outlive the app. */
    async clearCopied(): Promise<void> {
      if (copied !== null) await clearIfHolding(copied);
    },

    async reveal({ id }: ParsedInput<'secrets.reveal'>): Promise<{ secret: string }> {
      return { secret: await readSecret(id) };
    },

    /** Copies in main, so the renderer never needs the secret; clears it later unless the user copied something else. */
    async copy({ id }: ParsedInput<'secrets.copy'>): Promise<{ clearsAfterMs: number }> {
      const secret = await readSecret(id);
      await clipboard.writeSecret(secret);
      copied = secret;
      schedule(clearAfterMs, () => void clearIfHolding(secret));
      return { clearsAfterMs: clearAfterMs };
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;

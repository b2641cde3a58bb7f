import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import { findWebhook } from './lookups';
import type { ClipboardPort, ConfigStore, SecretVault } from './ports';

export const CLIPBOARD_CLEAR_MS = 30_000;

interface Deps {
  config: ConfigStore;
  vault: SecretVault;
  clipboard: ClipboardPort;
  missingSecrets: Set<string>;
  clipboardClearMs?: number;
}

export function createSecretService({ config, vault, clipboard, missingSecrets, clipboardClearMs }: Deps) {
  const clearAfterMs = clipboardClearMs ?? CLIPBOARD_CLEAR_MS;

  async function readSecret(id: string): Promise<string> {
    findWebhook(config.read(), id);
    const secret = await vault.get(id);
    if (secret === null) {
      missingSecrets.add(id);
      throw new AppError(
        'SECRET_MISSING',
        'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      );
    }
    return secret;
  }

  async function clearIfStillHolding(secret: string): Promise<void> {
    try {
      if ((await clipboard.readText()) === secret) clipboard.clear();
    } catch {
      // The clipboard is gone with the app or the session: nothing left to clear.
    }
  }

  return {
    readSecret,

    async reveal({ id }: ParsedInput<'secrets.reveal'>): Promise<{ secret: string }> {
      return { secret: await readSecret(id) };
    },

    /** Copies in main, so the renderer never needs the secret; clears it later unless the user copied something else. */
    async copy({ id }: ParsedInput<'secrets.copy'>): Promise<{ clearsAfterMs: number }> {
      const secret = await readSecret(id);
      await clipboard.writeText(secret);
      setTimeout(() => void clearIfStillHolding(secret), clearAfterMs).unref();
      return { clearsAfterMs: clearAfterMs };
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;

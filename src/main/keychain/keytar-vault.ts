import type * as KeytarModule from '@github/keytar';
import { AppError } from '../../shared/errors';
import type { SecretVault } from './ports';
import { createSecretService } from './secret-service';

export const KEYCHAIN_SERVICE = 'Hookwarden';
/** An account no webhook has: looking it up proves the keychain answers without reading a secret. */
const PROBE_ACCOUNT = 'hookwarden-probe';

type Keytar = typeof KeytarModule;

const HOW_TO_FIX: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'Make sure a Secret Service (such as gnome-keyring or KWallet) is running and unlocked, then try again.',
  darwin: 'Unlock your login keychain in Keychain Access, then try again.',
  win32: 'Make sure Windows Credential Manager is available for your account, then try again.',
};

const HOW_TO_INSTALL: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'Install libsecret (on Debian/Ubuntu: sudo apt install libsecret-1-0; on Fedora: sudo dnf install libsecret), then restart Hookwarden and try again.',
};

/** Keychain failures become one typed error whose message says what to do; it never carries a secret. */
function unavailable(reason: string, fix: string | undefined): AppError {
  const advice = fix ?? 'Make sure the system keychain is available, then try again.';
  return new AppError('KEYCHAIN_UNAVAILABLE', `The system keychain is unavailable (${reason}). ${advice}`);
}

const LOCKED = new AppError(
  'KEYCHAIN_UNAVAILABLE',
  'Your keyring is locked, so Hookwarden cannot read or change signing secrets. Unlock your keyring, then Try again.',
);

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface KeytarVaultOptions {
  /** Loads the native keychain module; a failure (e.g. libsecret missing) is reported, never thrown at import. */
  loadKeytar?: () => Promise<Keytar>;
  platform?: NodeJS.Platform;
}

/** Secrets in the OS keychain: service = `service`, one item per account. */
export function createKeytarVault(
  service: string = KEYCHAIN_SERVICE,
  {
    loadKeytar = async () => {
      // A CommonJS module: its exports arrive as the default export when imported from ESM.
      const module: Keytar & { default?: Keytar } = await import('@github/keytar');
      return module.default ?? module;
    },
    platform = process.platform,
  }: KeytarVaultOptions = {},
): SecretVault {
  const howToFix = HOW_TO_FIX[platform];
  let loaded: Promise<Keytar> | null = null;
  const keytar = (): Promise<Keytar> => {
    loaded ??= loadKeytar().catch((error: unknown) => {
      loaded = null; // an install while the app runs is picked up by "Try again"
      throw unavailable(
        `its library could not be loaded: ${reasonOf(error)}`,
        HOW_TO_INSTALL[platform] ?? howToFix,
      );
    });
    return loaded;
  };
  const secretService = platform === 'linux' ? createSecretService(service) : null;

  /** Throws when the keyring is locked or absent. */
  async function assertUsable(): Promise<void> {
    if (!secretService) return;
    const state = await secretService.state();
    if (state.kind === 'locked') throw LOCKED;
    if (state.kind === 'absent') throw unavailable(`no Secret Service answers: ${state.reason}`, howToFix);
  }

  async function guarded<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    const module = await keytar();
    try {
      return await operation(module);
    } catch (error) {
      throw unavailable(reasonOf(error), howToFix);
    }
  }

  return {
    // Every call asks for the keyring's state first: on a locked keyring libsecret answers "no such item"
    // (get), false (delete), blocks on an unlock prompt (calls at once) or crashes (findCredentials).
    async get(account) {
      await assertUsable();
      return guarded((k) => k.getPassword(service, account));
    },
    async set(account, secret) {
      await assertUsable();
      await guarded((k) => k.setPassword(service, account, secret));
    },
    async delete(account) {
      await assertUsable();
      return guarded((k) => k.deletePassword(service, account));
    },
    async list() {
      await assertUsable();
      if (secretService) {
        return secretService.accounts().catch((error: unknown) => {
          throw unavailable(reasonOf(error), howToFix);
        });
      }
      return guarded(async (k) => (await k.findCredentials(service)).map((item) => item.account));
    },
    async probe() {
      await keytar();
      await assertUsable();
      await guarded((k) => k.getPassword(service, PROBE_ACCOUNT));
    },
  };
}

import keytar from '@github/keytar';
import { AppError } from '../../shared/errors';
import type { SecretVault } from '../services/ports';

export const KEYCHAIN_SERVICE = 'Hookwarden';
/** An account no webhook has: looking it up proves the keychain answers without reading a secret. */
const PROBE_ACCOUNT = 'hookwarden-probe';

const HOW_TO_FIX: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'Make sure a Secret Service (such as gnome-keyring or KWallet) is running and unlocked, then try again.',
  darwin: 'Unlock your login keychain in Keychain Access, then try again.',
  win32: 'Make sure Windows Credential Manager is available for your account, then try again.',
};

/** Keychain failures become one typed error whose message says what to do; it never carries a secret. */
function unavailable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  const fix = HOW_TO_FIX[process.platform] ?? 'Make sure the system keychain is available, then try again.';
  return new AppError('KEYCHAIN_UNAVAILABLE', `The system keychain is unavailable (${reason}). ${fix}`);
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw unavailable(error);
  }
}

/** Secrets in the OS keychain: service = `service`, account = webhook id. */
export function createKeytarVault(service: string = KEYCHAIN_SERVICE): SecretVault {
  return {
    get: (id) => guarded(() => keytar.getPassword(service, id)),
    set: (id, secret) => guarded(() => keytar.setPassword(service, id, secret)),
    delete: (id) => guarded(() => keytar.deletePassword(service, id)),
    list: () => guarded(async () => (await keytar.findCredentials(service)).map((item) => item.account)),
    probe: () => guarded(async () => void (await keytar.getPassword(service, PROBE_ACCOUNT))),
  };
}

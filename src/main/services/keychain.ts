import type { KeychainStatus } from '../../shared/domain';
import { isAppError } from '../../shared/errors';
import type { SecretVault } from './ports';

/** Answers "is the keychain usable now?" for the UI's banner and its "Try again". */
export function createKeychainService(vault: SecretVault) {
  return {
    async check(): Promise<KeychainStatus> {
      try {
        await vault.probe();
        return { available: true };
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { available: false, message: error.message };
      }
    },
  };
}

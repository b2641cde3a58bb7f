import type { SecretVault } from '../../src/main/keychain/ports';

/**
 * A keychain in memory, for lists too large to put in the real one item by item (10,000 webhooks): the list
 * never reads a secret, and the keychain check only lists the accounts.
 */
export function memoryVault(items: Iterable<readonly [account: string, secret: string]> = []): SecretVault {
  const secrets = new Map(items);
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
    probe: async () => undefined,
  };
}

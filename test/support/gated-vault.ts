import type { SecretVault } from '../../src/main/keychain/ports';

type AccountMethod = 'get' | 'set' | 'delete';

/** A call the test holds: `reached` once it was made, and it goes on to the real keychain on `release()`. */
export interface Held {
  reached: Promise<void>;
  release(): void;
}

/**
 * Wraps a real vault so a test can hold one call at the moment it is made (a slow keychain, or another process
 * acting in between), then let it go on. Without a hold every call goes straight through.
 */
export function gatedVault(vault: SecretVault) {
  const holds: {
    method: AccountMethod;
    matches: (account: string) => boolean;
    held: Promise<void>;
    reach: () => void;
  }[] = [];

  async function gate(method: AccountMethod, account: string): Promise<void> {
    const index = holds.findIndex((hold) => hold.method === method && hold.matches(account));
    if (index < 0) return;
    const [hold] = holds.splice(index, 1);
    hold?.reach();
    await hold?.held;
  }

  // The test vault's service name stays visible, so profileItems and serviceOf read through this one too.
  const wrapped: SecretVault & { service?: string } = {
    service: (vault as SecretVault & { service?: string }).service,
    async get(account) {
      await gate('get', account);
      return vault.get(account);
    },
    async set(account, secret) {
      await gate('set', account);
      return vault.set(account, secret);
    },
    async delete(account) {
      await gate('delete', account);
      return vault.delete(account);
    },
    list: () => vault.list(),
    probe: () => vault.probe(),
  };

  return {
    vault: wrapped,
    /** Holds the next call of `method` whose account `matches` (every account when omitted). */
    holdNext(method: AccountMethod, matches: (account: string) => boolean = () => true): Held {
      let reach = () => {};
      const reached = new Promise<void>((resolve) => (reach = resolve));
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      holds.push({ method, matches, held, reach });
      return { reached, release };
    },
  };
}

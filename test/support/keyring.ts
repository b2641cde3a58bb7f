import { randomUUID } from 'node:crypto';
import keytar from '@github/keytar';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import type { SecretVault } from '../../src/main/keychain/ports';

/** Every secret any test vault stored, so the leak guard can look for them in files and logs. */
export const storedSecrets = new Set<string>();
const services: string[] = [];

/**
 * The real keychain (the private gnome-keyring of the test run) under a service name of this test's own,
 * observed so that every secret it stores is remembered.
 */
export function testVault(service = `HookwardenTest-${randomUUID()}`): SecretVault & { service: string } {
  services.push(service);
  const vault = createKeytarVault(service);
  return {
    ...vault,
    service,
    async set(id, secret) {
      storedSecrets.add(secret);
      await vault.set(id, secret);
    },
  };
}

/** Reads the keychain directly, bypassing the app's vault, to check what is really there. */
export async function keychainItems(service: string): Promise<Map<string, string>> {
  const items = await keytar.findCredentials(service);
  for (const { password } of items) storedSecrets.add(password);
  return new Map(items.map(({ account, password }) => [account, password]));
}

/**
 * A profile's items as the keychain holds them, by webhook id (`<id>#<slot>` for another slot); items of other
 * profiles and unprefixed ones are left out.
 */
export async function profileItems(h: {
  vault: SecretVault;
  profileId: string;
}): Promise<Map<string, string>> {
  const prefix = `${h.profileId}/`;
  const items = await keychainItems((h.vault as SecretVault & { service: string }).service);
  return new Map(
    [...items].filter(([account]) => account.startsWith(prefix)).map(([a, s]) => [a.slice(prefix.length), s]),
  );
}

export async function removeTestKeychainItems(): Promise<void> {
  for (const service of services.splice(0)) {
    for (const { account } of await keytar.findCredentials(service))
      await keytar.deletePassword(service, account);
  }
}

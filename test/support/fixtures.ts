import type { SecretVault } from '../../src/main/keychain/ports';
import { testVault } from './keyring';
import { startHarness, type Harness, type HarnessOptions } from './main-harness';

/** The keychain service name of a test vault (see testVault). */
export function serviceOf(vaultOrHarness: SecretVault | Harness): string {
  const vault = 'vault' in vaultOrHarness ? vaultOrHarness.vault : vaultOrHarness;
  return (vault as SecretVault & { service: string }).service;
}

/** A running main core with one API (versions v4, v3) and one https webhook on v4. */
export async function startWithWebhook(options: HarnessOptions = {}) {
  const vault = options.vault ?? testVault();
  const h = await startHarness({ ...options, vault });
  const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://example.com/a' });
  return { h, vault, dir: h.dir, api, hook };
}

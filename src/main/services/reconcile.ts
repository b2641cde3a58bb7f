import type { Notice } from '../../shared/domain';
import { isAppError } from '../../shared/errors';
import type { ConfigStore, SecretVault } from './ports';

export interface Reconciliation {
  /** Webhooks whose secret is not in the keychain: flagged, never dropped. */
  missing: string[];
  removedOrphans: number;
  notices: Notice[];
}

/**
 * Brings keychain and config back in line after a crash between their writes.
 * On a start whose config was moved aside, orphans belong to the moved-aside file and are all kept.
 */
export async function reconcileSecrets(
  config: ConfigStore,
  vault: SecretVault,
  { keepOrphans }: { keepOrphans: boolean },
): Promise<Reconciliation> {
  let stored: string[];
  try {
    stored = await vault.list();
  } catch (error) {
    const message = isAppError(error) ? error.message : 'The keychain could not be read.';
    return { missing: [], removedOrphans: 0, notices: [{ kind: 'keychain-unavailable', message }] };
  }
  const webhookIds = new Set(config.read().webhooks.map((w) => w.id));
  const storedIds = new Set(stored);
  const missing = [...webhookIds].filter((id) => !storedIds.has(id));
  const orphans = stored.filter((id) => !webhookIds.has(id));
  if (keepOrphans || orphans.length === 0) return { missing, removedOrphans: 0, notices: [] };

  for (const id of orphans) await vault.delete(id);
  const notice: Notice = {
    kind: 'orphan-secrets-removed',
    message: `Removed ${orphans.length} signing secret(s) left in the keychain by webhooks that no longer exist.`,
  };
  return { missing, removedOrphans: orphans.length, notices: [notice] };
}

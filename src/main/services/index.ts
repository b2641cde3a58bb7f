import type { Notice } from '../../shared/domain';
import { createApiService } from './apis';
import { createKeychainService } from './keychain';
import type { Clock, ClipboardPort, ConfigStore, EmitEvent, SecretVault } from './ports';
import { reconcileSecrets } from './reconcile';
import { createSecretService } from './secrets';
import { createWebhookService } from './webhooks';

export interface ServiceDeps {
  config: ConfigStore;
  vault: SecretVault;
  clipboard: ClipboardPort;
  clock: Clock;
  emit: EmitEvent;
  /** True on a start where a corrupt config was moved aside: its secrets must be kept. */
  configMovedAside: boolean;
  /** Notices from opening the config. */
  startupNotices: Notice[];
  clipboardClearMs?: number;
}

/** Builds every service and reconciles keychain with config, as main does on each start. */
export async function startServices(deps: ServiceDeps) {
  const { config, vault, clock } = deps;
  const reconciliation = await reconcileSecrets(config, vault, { keepOrphans: deps.configMovedAside });
  const missingSecrets = new Set(reconciliation.missing);
  const notices = [...deps.startupNotices, ...reconciliation.notices];
  return {
    notices: (): Notice[] => notices,
    apis: createApiService({ config, vault, clock }),
    webhooks: createWebhookService({ config, vault, clock, missingSecrets }),
    keychain: createKeychainService(vault),
    secrets: createSecretService({
      config,
      vault,
      clipboard: deps.clipboard,
      missingSecrets,
      clipboardClearMs: deps.clipboardClearMs,
    }),
  };
}

export type Services = Awaited<ReturnType<typeof startServices>>;

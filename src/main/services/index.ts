import type { Notice } from '../../shared/domain';
import { createApiService } from './apis';
import { createKeychainService } from './keychain';
import { createDeliveryService } from './deliveries';
import { createDeliveryLog } from './delivery-log';
import type {
  Clock,
  ClipboardPort,
  ConfigStore,
  DeliveryLogStore,
  EmitEvent,
  HttpClient,
  SecretVault,
} from './ports';
import { reconcileSecrets } from './reconcile';
import { createSecretService } from './secrets';
import { createSettingsService } from './settings';
import { createTemplateService } from './templates';
import { USER_AGENT } from './user-agent';
import { createWebhookService } from './webhooks';

export interface ServiceDeps {
  config: ConfigStore;
  vault: SecretVault;
  clipboard: ClipboardPort;
  clock: Clock;
  emit: EmitEvent;
  deliveryLog: DeliveryLogStore;
  http: HttpClient;
  /** Defaults to Hookwarden/<package version>. */
  userAgent?: string;
  /** True on a start where a corrupt config was moved aside: its secrets (and delivery logs) must be kept. */
  configMovedAside: boolean;
  /** Notices from opening the config and the delivery log. */
  startupNotices: Notice[];
  clipboardClearMs?: number;
}

/** Builds every service and reconciles keychain with config, as main does on each start. */
export async function startServices(deps: ServiceDeps) {
  const { config, vault, clock } = deps;
  const reconciliation = await reconcileSecrets(config, vault, { keepOrphans: deps.configMovedAside });
  const missingSecrets = new Set(reconciliation.missing);
  const notices = [...deps.startupNotices, ...reconciliation.notices];

  const log = createDeliveryLog(deps.deliveryLog, deps.emit);
  if (!deps.configMovedAside) log.keepOnly(new Set(config.read().webhooks.map((w) => w.id)));
  /** A log that cannot be removed now is removed on the next start; the deletion itself has succeeded. */
  const forgetDeliveries = (webhookIds: string[]) => {
    try {
      log.remove(webhookIds);
    } catch (error) {
      console.warn('[hookwarden] could not remove delivery logs:', (error as Error).message);
    }
  };

  const secrets = createSecretService({
    config,
    vault,
    clipboard: deps.clipboard,
    missingSecrets,
    clipboardClearMs: deps.clipboardClearMs,
  });
  const templates = createTemplateService({ config, clock });
  return {
    notices: (): Notice[] => notices,
    apis: createApiService({ config, vault, clock, forgetDeliveries }),
    webhooks: createWebhookService({ config, vault, clock, missingSecrets, forgetDeliveries }),
    keychain: createKeychainService(vault),
    secrets,
    templates,
    settings: createSettingsService(config),
    deliveries: createDeliveryService({
      config,
      readSecret: secrets.readSecret,
      templates,
      log,
      http: deps.http,
      clock,
      clipboard: deps.clipboard,
      userAgent: deps.userAgent ?? USER_AGENT,
    }),
  };
}

export type Services = Awaited<ReturnType<typeof startServices>>;

import type { Notice } from '../shared/domain';
import { createApiService } from './apis/apis';
import { createKeychainService } from './keychain/keychain';
import { createDeliveryService } from './deliveries/deliveries';
import { createDeliveryLog } from './deliveries/log';
import { createNotices } from './notices';
import { systemSchedule, type Clock, type ClipboardPort, type EmitEvent, type Schedule } from './ports';
import type { ConfigStore } from './config/ports';
import type { DeliveryLogStore, HttpClient } from './deliveries/ports';
import type { SecretVault } from './keychain/ports';
import { createProfileSecrets } from './keychain/profile-secrets';
import { createSecretService } from './keychain/secrets';
import { createSettingsService } from './config/settings';
import { createTemplateService } from './deliveries/templates';
import { createRetryRuns } from './deliveries/retries';
import { USER_AGENT } from './deliveries/user-agent';
import { createWebhookService } from './webhooks/webhooks';
import { createRotationState } from './rotation/rotation-state';
import { createRotationService } from './rotation/rotation';
import { createInbox } from './inbox/inbox';
import { createDoctorService } from './doctor/diagnoses';
import { createReceiverCodeService } from './receiver-code/receiver-code-service';
import { createTransferService } from './transfer/transfer';
import type { TransferFiles } from './transfer/ports';
import type { Listen } from './inbox/ports';
import { createEndpointChecker } from './preflight/preflight';
import { createReceiverSecurityCheck } from './preflight/receiver-security';
import type { EndpointProbes } from './preflight/ports';

export interface ServiceDeps {
  config: ConfigStore;
  vault: SecretVault;
  clipboard: ClipboardPort;
  clock: Clock;
  emit: EmitEvent;
  deliveryLog: DeliveryLogStore;
  http: HttpClient;
  /** The Inbox's HTTP listener. */
  listen: Listen;
  /** The network questions of "Check endpoint". */
  probes: EndpointProbes;
  /** Where exports go and imports come from. */
  transferFiles: TransferFiles;
  /** age's scrypt work factor for exports with secrets (default: age's own). */
  scryptWorkFactor?: number;
  /** Defaults to Hookwarden/<package version>. */
  userAgent?: string;
  /** Notices from opening the config and the delivery log. */
  startupNotices: Notice[];
  clipboardClearMs?: number;
  /** Runs delayed tasks (the clipboard's clear, an overlap's end); defaults to the system timer. */
  schedule?: Schedule;
}

/**
 * Builds every service without waiting on the keychain: the caller shows the window first, then runs
 * keychain.startupCheck() in the background.
 */
export function startServices(deps: ServiceDeps) {
  const { config, clock } = deps;
  const missingSecrets = new Set<string>();
  const notices = createNotices(deps.startupNotices, deps.emit);
  const profileSecrets = createProfileSecrets(deps.vault, config);
  const schedule = deps.schedule ?? systemSchedule;

  // Delivery logs are never pruned at start: a log whose webhook is not in this config may belong to a
  // config that was moved aside, and comes back with it.
  const log = createDeliveryLog(deps.deliveryLog, deps.emit);
  deps.deliveryLog.onOpened?.((found) => found.forEach(notices.add));
  /** A log that cannot be removed now stays behind, unseen; the deletion itself has succeeded. */
  const forgetDeliveries = (webhookIds: string[]) => {
    try {
      log.remove(webhookIds);
    } catch (error) {
      console.warn('[hookwarden] could not remove delivery logs:', (error as Error).message);
    }
  };

  const secrets = createSecretService({
    config,
    secrets: profileSecrets,
    clipboard: deps.clipboard,
    missingSecrets,
    clipboardClearMs: deps.clipboardClearMs,
    schedule,
  });
  const webhooks = createWebhookService({
    config,
    secrets: profileSecrets,
    clock,
    missingSecrets,
    forgetDeliveries,
    clearIfHolding: secrets.clearIfHolding,
    latestDelivery: (webhookId) => log.list(webhookId)[0],
  });
  const templates = createTemplateService({ config, clock });
  const rotationState = createRotationState({
    config,
    secrets: profileSecrets,
    clock,
    readRole: secrets.readRole,
    clearIfHolding: secrets.clearIfHolding,
  });
  const deliveries = createDeliveryService({
    config,
    signingSecrets: rotationState.signingSecrets,
    readHeaderValue: secrets.readHeaderValue,
    templates,
    log,
    http: deps.http,
    clock,
    clipboard: deps.clipboard,
    userAgent: deps.userAgent ?? USER_AGENT,
  });
  const rotation = createRotationService({
    config,
    state: rotationState,
    clock,
    schedule,
    view: webhooks.view,
    sendSignedWith: deliveries.sendSignedWith,
    changed: (ids) => deps.emit('webhooks.changed', { ids }),
  });
  rotation.start();
  const inbox = createInbox({
    listen: deps.listen,
    files: deps.transferFiles,
    clock,
    schedule,
    emit: deps.emit,
    clipboard: deps.clipboard,
  });
  return {
    app: {
      notices: (): Notice[] => notices.list(),
      /** Another process changed the config (read again by the store): timers and windows follow it. */
      configChanged(): void {
        rotation.start();
        deps.emit('config.changed', {});
      },
      /** The command line handed off delivery records: into the log, and onto the screen. */
      foldHandedOffDeliveries: (): void => log.foldHandedOff(),
    },
    apis: createApiService({ config, secrets: profileSecrets, clock, forgetDeliveries }),
    webhooks,
    keychain: createKeychainService({
      config,
      secrets: profileSecrets,
      notices,
      missingSecrets,
      finishRegenerate: webhooks.finishInterruptedRegenerate,
      settleRotations: rotationState.settleAll,
    }),
    secrets,
    templates,
    settings: createSettingsService(config),
    deliveries,
    retries: createRetryRuns({
      config,
      schedule,
      emit: deps.emit,
      sendAttempt: deliveries.sendRetryAttempt,
    }),
    rotation,
    preflight: {
      ...createEndpointChecker({
        config,
        probes: deps.probes,
        clock,
        sendCheckDelivery: deliveries.sendForEndpointCheck,
      }),
      ...createReceiverSecurityCheck({ config, clock, send: deliveries.sendForSecurityCheck }),
    },
    inbox,
    transfer: createTransferService({
      config,
      secrets: profileSecrets,
      clock,
      files: deps.transferFiles,
      scryptWorkFactor: deps.scryptWorkFactor,
    }),
    receiverCode: createReceiverCodeService({
      config,
      readRole: secrets.readRole,
      copySecretText: secrets.copySecretText,
      clipboard: deps.clipboard,
    }),
    doctor: createDoctorService({ config, secrets: profileSecrets, log, inboxRequests: inbox.list, clock }),
  };
}

export type Services = ReturnType<typeof startServices>;

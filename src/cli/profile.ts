/**
 * The command line's composition root: the app's services over the same profile folder, config file (through
 * `conf`), keychain items and delivery log (handed off to the app, see hand-off.ts), with the command line's
 * own clipboard and files.
 */
import type { ConfigStore } from '../main/config/ports';
import { openConfigStore } from '../main/config/store';
import { createHttpClient } from '../main/deliveries/http-client';
import { openHandOffLogStore } from '../main/deliveries/hand-off';
import { listenHttp } from '../main/inbox/http-listener';
import { createKeytarVault } from '../main/keychain/keytar-vault';
import { systemClock, type EmitEvent } from '../main/ports';
import { createNetworkProbes } from '../main/preflight/network-probes';
import { startServices, type Services } from '../main/services';
import { commandLineTransferFiles } from '../main/transfer/disk-files';
import { cliClipboard } from './clipboard';

export interface Profile {
  services: Services;
  /** For naming things (refs.ts); every change goes through the services. */
  config: ConfigStore;
}

export interface ProfileOptions {
  /** What a command does with the core's events (`receive` prints each request); nothing by default. */
  emit?: EmitEvent;
}

export function openProfile(dataDir: string, { emit }: ProfileOptions = {}): Profile {
  const opened = openConfigStore(dataDir, systemClock);
  for (const notice of opened.notices) process.stderr.write(`hookwarden: ${notice.message}\n`);
  const services = startServices({
    config: opened.store,
    vault: createKeytarVault(),
    clipboard: cliClipboard,
    clock: systemClock,
    // No window to tell: each command prints what it did.
    emit: emit ?? (() => undefined),
    deliveryLog: openHandOffLogStore(dataDir, systemClock),
    http: createHttpClient(),
    listen: listenHttp,
    probes: createNetworkProbes(),
    transferFiles: commandLineTransferFiles,
    startupNotices: [],
  });
  return { services, config: opened.store };
}

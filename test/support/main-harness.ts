/**
 * Starts the real main-process core (config store in a temp dir, the real keychain, every IPC handler)
 * and lets a test call channels exactly as the renderer would, through the recorded ipcMain handlers.
 */
import { systemClipboard } from '../../src/main/shell/clipboard';
import { openConfigStore } from '../../src/main/config/store';
import { openDeliveryLogLazily, openDeliveryLogStore } from '../../src/main/deliveries/log-store';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { listenHttp } from '../../src/main/inbox/http-listener';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import { electronTransferFiles } from '../../src/main/shell/transfer-files';
import type { EndpointProbes } from '../../src/main/preflight/ports';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src/main/shell/app-protocol';
import { ownTopFrameCheck, type InvokeEvent } from '../../src/main/ipc/handle';
import { channelHandlers, registerIpc } from '../../src/main/ipc/register';
import { startServices, type Services } from '../../src/main/services';
import { watchProfile } from '../../src/main/profile-watch';
import { accountOf } from '../../src/main/keychain/profile-secrets';
import { systemClock, type Clock, type Schedule } from '../../src/main/ports';
import { type ConfigStore } from '../../src/main/config/ports';
import { type DeliveryLogStore, type HttpClient } from '../../src/main/deliveries/ports';
import { type SecretVault } from '../../src/main/keychain/ports';
import type { Channel, ChannelInput, ChannelOutput, EventName } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { ipcHandlers, resetElectronDouble } from './electron-double';
import { testVault } from './keyring';
import { tempDir } from './temp';

/** Receives every event main emits (the e2e bridge forwards them to the page). */
export type EventListener = (event: EventName, payload: unknown) => void;
const eventListeners = new Set<EventListener>();
export function onMainEvent(listener: EventListener): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

export const OWN_FRAME: InvokeEvent['senderFrame'] = { url: APP_ENTRY_URL, parent: null };

export interface HarnessOptions {
  dir?: string;
  vault?: SecretVault;
  /** Wraps the opened store, to inject faults. */
  wrapStore?: (store: ConfigStore) => ConfigStore;
  clipboardClearMs?: number;
  /** Runs delayed tasks (the clipboard's clear); defaults to the system timer. */
  schedule?: Schedule;
  /** Defaults to the system clock (timestamps in signatures and records come from it). */
  clock?: Clock;
  /** Defaults to the real node:http/https client. */
  http?: HttpClient;
  /** Defaults to the real network probes of "Check endpoint". */
  probes?: EndpointProbes;
  /** false: start without the keychain check the app runs after its window is up (run it yourself). */
  keychainCheck?: boolean;
  /** Watch the profile for the command line's changes, as the app does (stop with stopWatching). */
  watchProfile?: boolean;
  /** Open the delivery log at its first use, as the app does (what opening found then comes as a notice). */
  deliveryLogAtFirstUse?: boolean;
  /** Wraps the delivery log's store, to inject faults. */
  wrapDeliveryLog?: (store: DeliveryLogStore) => DeliveryLogStore;
}

export interface Harness {
  dir: string;
  vault: SecretVault;
  /** This data dir's profile id, which prefixes its keychain accounts. */
  profileId: string;
  /** The keychain account of a webhook's current secret in this profile. */
  account(webhookId: string): string;
  services: Services;
  /** Stops watching the profile (see HarnessOptions.watchProfile). */
  stopWatching(): void;
  movedAsideTo: string | null;
  /** Writes the delivery log file now (it is otherwise written shortly after each burst of changes). */
  flushDeliveryLog(): void;
  /** The delivery log's store (temp-dir files), to put records there as an earlier run could have left them. */
  deliveryLog: DeliveryLogStore;
  invoke<C extends Channel>(
    channel: C,
    input?: ChannelInput<C>,
    frame?: InvokeEvent['senderFrame'],
  ): Promise<Result<ChannelOutput<C>>>;
  /** Calls a channel and returns its data, failing the test on an error result. */
  ok<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Sends anything at all, as a compromised renderer could. */
  invokeRaw(channel: string, input: unknown, frame?: InvokeEvent['senderFrame']): Promise<Result<unknown>>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  resetElectronDouble();
  const dir = options.dir ?? tempDir();
  const vault = options.vault ?? testVault();
  const opened = openConfigStore(dir, systemClock);
  const log = options.deliveryLogAtFirstUse
    ? { store: openDeliveryLogLazily(dir, systemClock), notices: [] }
    : openDeliveryLogStore(dir, systemClock);
  const logStore = options.wrapDeliveryLog ? options.wrapDeliveryLog(log.store) : log.store;
  const services = startServices({
    config: options.wrapStore ? options.wrapStore(opened.store) : opened.store,
    vault,
    clipboard: systemClipboard,
    clock: options.clock ?? systemClock,
    emit: (event, payload) => {
      for (const listener of eventListeners) listener(event, payload);
    },
    deliveryLog: logStore,
    http: options.http ?? createHttpClient(),
    listen: listenHttp,
    probes: options.probes ?? createNetworkProbes(),
    transferFiles: electronTransferFiles,
    // A lighter scrypt than age's own second per attempt: the files stay standard age files.
    scryptWorkFactor: 12,
    startupNotices: [...opened.notices, ...log.notices],
    clipboardClearMs: options.clipboardClearMs,
    schedule: options.schedule,
  });
  const stopWatching = options.watchProfile ? watchProfile(dir, opened.store, services) : () => undefined;
  // The app runs it after showing the window; a test that looks at the keychain's state needs it done.
  if (options.keychainCheck !== false) await services.keychain.startupCheck();
  registerIpc(
    { handle: (channel, listener) => ipcHandlers.set(channel, listener as never) },
    channelHandlers(services),
    ownTopFrameCheck([APP_ORIGIN]),
  );

  const invokeRaw = async (channel: string, input: unknown, frame = OWN_FRAME) => {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler registered for ${channel}`);
    return (await handler({ senderFrame: frame }, input)) as Result<unknown>;
  };
  const invoke = (channel: Channel, input?: unknown, frame?: InvokeEvent['senderFrame']) =>
    invokeRaw(channel, input, frame);
  const { profileId } = opened.store.read();
  return {
    dir,
    vault,
    profileId,
    account: (webhookId) => accountOf(profileId, webhookId),
    services,
    stopWatching,
    movedAsideTo: opened.movedAsideTo,
    flushDeliveryLog: () => log.store.flush(),
    deliveryLog: log.store,
    invoke: invoke as Harness['invoke'],
    invokeRaw,
    async ok(channel, input) {
      const result = await invokeRaw(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
  };
}

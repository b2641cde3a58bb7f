/**
 * The child side of child-process.ts: starts the real main-process core over a data dir and a vault, the way
 * main-harness does (but without importing keytar up front, which a child with no usable keychain library
 * must survive), and prints JSON lines for the parent test to read.
 */
import { writeSync } from 'node:fs';
import { systemClipboard } from '../../src/main/shell/clipboard';
import { openConfigStore } from '../../src/main/config/store';
import { openDeliveryLogStore } from '../../src/main/deliveries/log-store';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { listenHttp } from '../../src/main/inbox/http-listener';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import { electronTransferFiles } from '../../src/main/shell/transfer-files';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src/main/shell/app-protocol';
import { ownTopFrameCheck, type InvokeEvent } from '../../src/main/ipc/handle';
import { channelHandlers, registerIpc } from '../../src/main/ipc/register';
import { startServices } from '../../src/main/services';
import { systemClock } from '../../src/main/ports';
import { type SecretVault } from '../../src/main/keychain/ports';
import type { Channel, ChannelInput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';

/** One JSON line on stdout, written before this returns (a SIGKILL right after cannot lose it). */
export function say(message: unknown): void {
  writeSync(1, `${JSON.stringify(message)}\n`);
}

/** The core as the app starts it, without the keychain check (call services.keychain.startupCheck()). */
export function startCore(dir: string, vault: SecretVault) {
  const opened = openConfigStore(dir, systemClock);
  const log = openDeliveryLogStore(dir, systemClock);
  const services = startServices({
    config: opened.store,
    vault,
    clipboard: systemClipboard,
    clock: systemClock,
    emit: () => undefined,
    deliveryLog: log.store,
    http: createHttpClient(),
    listen: listenHttp,
    probes: createNetworkProbes(),
    transferFiles: electronTransferFiles,
    startupNotices: [...opened.notices, ...log.notices],
  });
  type Listener = (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>;
  const handlers = new Map<string, Listener>();
  registerIpc(
    { handle: (channel, listener) => handlers.set(channel, listener as Listener) },
    channelHandlers(services),
    ownTopFrameCheck([APP_ORIGIN]),
  );
  const frame: InvokeEvent['senderFrame'] = { url: APP_ENTRY_URL, parent: null };
  return {
    services,
    profileId: opened.store.read().profileId,
    /** Calls a channel as the renderer would; the answer is the Result the renderer would get. */
    invoke<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<unknown>> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler registered for ${channel}`);
      return handler({ senderFrame: frame }, input);
    },
  };
}

/**
 * Runs the child's main; anything it throws is printed to stderr and exits 1. The process stays up until main
 * ends, as the app does while its window is open (the Secret Service connection alone does not hold it).
 */
export function runChild(main: () => Promise<void>): void {
  setInterval(() => undefined, 60_000);
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * What the renderer talks to in renderer tests: the real main core — startServices, and every IPC handler with
 * its sender check and zod parse (main-harness.ts) — over temp-dir stores and the real keychain of the test run
 * (scripts/with-test-keyring.sh). Only Electron's transport is replaced: window.hookwarden is built by the
 * preload's own builder over a transport that calls the registered handlers directly (input and answer
 * structured-cloned, as IPC does) and hands main's events to the renderer's subscribers.
 *
 * A test controls what a user cannot: keychain and config faults (faults.ts, around the real ones), the clock,
 * and where deliveries go (a real receiver on 127.0.0.1, receiver.ts). It reads what main really holds through
 * `main` (the harness: services and handlers) and `secretOf` (the keychain itself).
 */
import { randomUUID } from 'node:crypto';
import { buildApi, type RendererTransport } from '../../src/preload/build-api';
import type { SecretVault } from '../../src/main/keychain/ports';
import type {
  Channel,
  ChannelInput,
  EventName,
  EventPayloads,
  HookwardenApi,
} from '../../src/shared/contract';
import type { Delivery } from '../../src/shared/delivery';
import type { Api, SignatureScheme, WebhookView } from '../../src/shared/domain';
import { closeAfterEach } from './close-after-each';
import { clipboardDouble } from './electron-double';
import { faultyStore, faultyVault } from './faults';
import { testVault } from './keyring';
import { onMainEvent, startHarness, type Harness, type HarnessOptions } from './main-harness';

type VaultMethod = keyof SecretVault;
type Listener = (sender: unknown, payload: unknown) => void;

export type BackendOptions = Pick<HarnessOptions, 'dir' | 'clipboardClearMs' | 'keychainCheck'> & {
  /** Defaults to the real keychain (testVault). */
  vault?: SecretVault;
};

export interface Call {
  channel: Channel;
  input: unknown;
}

export type Backend = Awaited<ReturnType<typeof startBackend>>;

/** The system clock, or a fixed time while one is set. */
function fixableClock() {
  let fixed: Date | null = null;
  return {
    now: () => new Date(fixed ?? Date.now()),
    set(at: Date | null) {
      fixed = at;
    },
  };
}

/** Starts main's core and the transport; closed after the test. */
export async function startBackend(options: BackendOptions = {}) {
  const keychain = options.vault ?? testVault();
  const faultyKeychain = faultyVault(keychain, []);
  let configFaults: ReturnType<typeof faultyStore>['control'] | undefined;
  const clock = fixableClock();
  const main: Harness = await startHarness({
    ...options,
    vault: faultyKeychain.vault,
    clock,
    wrapStore: (store) => {
      const faulty = faultyStore(store);
      configFaults = faulty.control;
      return faulty.store;
    },
  });
  const config = configFaults as NonNullable<typeof configFaults>;

  const calls: Call[] = [];
  const listeners = new Map<string, Set<Listener>>();
  let closed = false;
  const deliver = (event: EventName, payload: unknown) => {
    const copy = structuredClone(payload);
    // Like an IPC message: after main's current step, in the order main sent them.
    queueMicrotask(() => {
      if (closed) return;
      for (const listener of listeners.get(event) ?? []) listener(undefined, copy);
    });
  };
  const stopEvents = onMainEvent(deliver);
  const transport: RendererTransport = {
    async invoke(channel, input) {
      // After the test, a late call stays unanswered rather than touching a renderer being torn down.
      if (closed) return new Promise<never>(() => undefined);
      calls.push({ channel: channel as Channel, input: structuredClone(input) });
      return structuredClone(await main.invokeRaw(channel, structuredClone(input)));
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
  };

  /** Runs `create` with main's clock stopped at `at`. */
  async function createdAt<T>(at: Date | undefined, create: () => Promise<T>): Promise<T> {
    if (!at) return create();
    clock.set(at);
    try {
      return await create();
    } finally {
      clock.set(null);
    }
  }

  const backend = {
    /** The real main core: services, and the handlers as the renderer reaches them (`ok`, `invoke`). */
    main,
    /** window.hookwarden, as the preload builds it. */
    api: buildApi(transport) as HookwardenApi,
    /** Main's clock: the system's, unless stopped at a time with set(). */
    clock,
    /** Sends the renderer an event from a part of main the core does not hold (the application menu). */
    emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
      deliver(event, payload);
    },
    /** What the renderer asked main, in order. */
    calls,
    callsTo: (channel: Channel): unknown[] =>
      calls.filter((call) => call.channel === channel).map((call) => call.input),

    /** The keychain's current secret of a webhook (read directly, past any fault), or null. */
    secretOf: (webhookId: string) => keychain.get(main.account(webhookId)),
    /** Removes a webhook's secret from the keychain behind main's back. */
    removeSecret: (webhookId: string) => keychain.delete(main.account(webhookId)),
    /** Puts an item in the keychain under this profile's prefix. */
    putSecret: (webhookId: string, secret: string) => keychain.set(main.account(webhookId), secret),
    /** What main last put on the (doubled) Electron clipboard. */
    clipboardText: () => clipboardDouble.text,

    /** The keychain's `methods` fail as an unavailable keychain does, with `message`, until heal(). */
    failKeychain(methods: VaultMethod[], message: string): void {
      faultyKeychain.control.failing = methods;
      faultyKeychain.control.message = message;
    },
    /** The config file cannot be written (and with `reads`, not read either), until heal(). */
    failConfig(message: string, { reads = false } = {}): void {
      config.failing = reads ? ['read', 'write'] : ['write'];
      config.message = message;
      config.armed = true;
    },
    heal(): void {
      faultyKeychain.control.failing = [];
      config.armed = false;
    },

    /** Creates an API through main. */
    seedApi: (name = 'Invoices', versions = ['v4', 'v3']): Promise<Api> =>
      main.ok('apis.create', { name, versions }),

    /** Creates a webhook through main (its secret goes to the keychain); `at` sets its creation time. */
    async seedWebhook(
      api: Api,
      url: string,
      options: { version?: string; scheme?: SignatureScheme; at?: Date } = {},
    ): Promise<WebhookView> {
      const input: ChannelInput<'webhooks.create'> = {
        apiId: api.id,
        version: options.version ?? api.versions[0] ?? 'v1',
        url,
        scheme: options.scheme,
      };
      return createdAt(options.at, () => main.ok('webhooks.create', input));
    },

    /**
     * Puts a record at the top of a webhook's delivery log, in main's log store, as an earlier send left it
     * (no event: main did not just change it).
     */
    addDelivery(webhook: WebhookView, patch: Partial<Delivery> = {}): Delivery {
      const id = randomUUID();
      const record: Delivery = {
        id,
        webhookId: webhook.id,
        sentAt: clock.now().toISOString(),
        scheme: webhook.scheme,
        messageId: `msg_${id}`,
        redeliveryOf: null,
        request: { method: 'POST', url: webhook.url, headers: {}, body: '{}' },
        response: { status: 200, statusText: 'OK', headers: {}, body: '', truncated: false },
        error: null,
        durationMs: 12,
        outcome: 'success',
        ...patch,
      };
      main.deliveryLog.apply({ op: 'add', record });
      return record;
    },

    async close(): Promise<void> {
      closed = true;
      stopEvents();
      // A test that started the Inbox must not leave its port taken.
      await main.services.inbox.stop();
      // Written now rather than by a timer after the test (a test may have broken the log's files on purpose).
      try {
        main.flushDeliveryLog();
      } catch {
        // nothing to keep
      }
    },
  };
  return closeAfterEach(backend);
}

/**
 * Linux only: asks the Secret Service over D-Bus what libsecret (behind keytar) cannot tell apart — "locked"
 * and "absent" versus "no such item" — and lists item accounts without loading any secret. keytar's
 * findCredentials crashes the process on a locked collection (it loads every secret), so on Linux accounts are
 * listed here instead, and nothing is asked of keytar while an item of the service is locked.
 */
import dbus, { type MessageBus } from '@homebridge/dbus-native';

const BUS_NAME = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const SERVICE_INTERFACE = 'org.freedesktop.Secret.Service';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
/** A Secret Service that does not answer within this is treated as absent, never waited on for ever. */
const CALL_TIMEOUT_MS = 5_000;
/** Attribute reads in flight at once while listing: enough to hide latency, few enough to stay polite. */
const LIST_BATCH = 256;

export type KeyringState = { kind: 'unlocked' } | { kind: 'locked' } | { kind: 'absent'; reason: string };

/** A D-Bus variant as @homebridge/dbus-native decodes it: [signature, [value]]. */
type Variant<T> = [unknown, [T]];

interface Message {
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}

/**
 * How dbus-native connects: a unix socket path, or an abstract name (starting with NUL). Node 20 (the tests') cannot
 * reach an abstract socket so (ECONNREFUSED where other clients connect); Electron's newer Node is not tested.
 */
function socketOf(address: string): string {
  for (const entry of address.split(';')) {
    // Stryker disable next-line StringLiteral: an entry without ":" is never "unix", so params is not read
    const [family, params = ''] = entry.split(/:(.*)/s);
    if (family !== 'unix') continue;
    const values = new Map(params.split(',').map((pair) => pair.split(/=(.*)/s) as [string, string]));
    const path = values.get('path');
    const abstract = values.get('abstract');
    if (path) return path;
    if (abstract) return `\0${abstract}`;
  }
  throw new Error(`unsupported D-Bus session bus address "${address}"`);
}

/** One session-bus connection, opened on first use and again after it fails; a failure fails every call on it. */
function sessionBusCaller(busAddress: () => string | undefined) {
  let bus: { client: MessageBus; pending: Set<(error: Error) => void> } | null = null;

  const connect = () => {
    const address = busAddress();
    if (!address) throw new Error('no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
    const client = dbus.sessionBus({ socket: socketOf(address) });
    const opened = { client, pending: new Set<(error: Error) => void>() };
    const fail = (error?: Error) => {
      // Stryker disable next-line ConditionalExpression: forgetting a newer connection too only costs a reconnect
      if (bus === opened) bus = null;
      for (const reject of opened.pending) reject(error ?? new Error('the D-Bus connection closed'));
    };
    client.connection.on('error', fail);
    client.connection.on('end', () => fail());
    // The app may quit while the connection is open: it must not keep the process alive.
    client.connection.stream.unref();
    return opened;
  };

  return (message: Message): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      let current: NonNullable<typeof bus>;
      try {
        current = bus ??= connect();
      } catch (error) {
        reject(error as Error);
        return;
      }
      // Stryker disable next-line ArrayDeclaration: values are read only on success, which always passes them
      const settle = (error: Error | null, values: unknown[] = []) => {
        clearTimeout(timer);
        current.pending.delete(fail);
        if (error) reject(error);
        else resolve(values);
      };
      const fail = (error: Error) => settle(error);
      const timer = setTimeout(() => {
        // Stryker disable next-line ConditionalExpression: forgetting a newer connection too only costs a reconnect
        if (bus === current) bus = null;
        settle(new Error('the Secret Service did not answer'));
      }, CALL_TIMEOUT_MS);
      timer.unref();
      current.pending.add(fail);
      current.client.invoke({ destination: BUS_NAME, ...message }, (error, ...values: unknown[]) =>
        settle(error ? new Error(`${error.name}: ${String(error.message)}`) : null, values),
      );
    });
}

export function createSecretService(
  service: string,
  busAddress = () => process.env.DBUS_SESSION_BUS_ADDRESS,
) {
  const call = sessionBusCaller(busAddress);

  /** The unlocked and locked items of this keychain service (their D-Bus object paths). */
  async function searchItems(): Promise<{ unlocked: string[]; locked: string[] }> {
    const [unlocked, locked] = (await call({
      path: SERVICE_PATH,
      interface: SERVICE_INTERFACE,
      member: 'SearchItems',
      signature: 'a{ss}',
      body: [[['service', service]]],
    })) as [string[], string[]];
    return { unlocked, locked };
  }

  async function isLocked(path: string): Promise<boolean> {
    const [value] = (await call({
      path,
      interface: PROPERTIES,
      member: 'Get',
      signature: 'ss',
      body: ['org.freedesktop.Secret.Collection', 'Locked'],
    })) as [Variant<boolean>];
    return value[1][0];
  }

  async function accountOf(itemPath: string): Promise<string | null> {
    const [value] = (await call({
      path: itemPath,
      interface: PROPERTIES,
      member: 'Get',
      signature: 'ss',
      body: ['org.freedesktop.Secret.Item', 'Attributes'],
    })) as [Variant<[string, string][]>];
    return value[1][0].find(([name]) => name === 'account')?.[1] ?? null;
  }

  return {
    /**
     * Locked when the default collection (where keytar stores new items) or any item of the service is locked;
     * absent when no Secret Service answers on the session bus.
     */
    async state(): Promise<KeyringState> {
      try {
        const [defaultPath] = (await call({
          path: SERVICE_PATH,
          interface: SERVICE_INTERFACE,
          member: 'ReadAlias',
          signature: 's',
          body: ['default'],
        })) as [string];
        if (defaultPath !== '/' && (await isLocked(defaultPath))) return { kind: 'locked' };
        const { locked } = await searchItems();
        return locked.length > 0 ? { kind: 'locked' } : { kind: 'unlocked' };
      } catch (error) {
        return { kind: 'absent', reason: (error as Error).message };
      }
    },

    /** Every account of the service's unlocked items; call state() first, as locked items are not listed. */
    async accounts(): Promise<string[]> {
      const { unlocked } = await searchItems();
      const accounts: string[] = [];
      const waiting = [...unlocked];
      while (waiting.length > 0) {
        const batch = await Promise.all(waiting.splice(0, LIST_BATCH).map(accountOf));
        for (const account of batch) if (account !== null) accounts.push(account);
      }
      return accounts;
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;

/**
 * Locks and unlocks the test run's private gnome-keyring through the Secret Service's D-Bus API, as a user's
 * screen lock or "Lock keyring" would. Never used outside scripts/with-test-keyring.sh's session.
 */
import dbus from '@homebridge/dbus-native';

/** The password scripts/with-test-keyring.sh gives the keyring. */
const TEST_KEYRING_PASSWORD = 'hookwarden-test';
const SERVICE = { destination: 'org.freedesktop.secrets', path: '/org/freedesktop/secrets' };

type Call = (member: string, iface: string, signature: string, body: unknown[]) => Promise<unknown[]>;

/** Runs calls over one connection (a Secret Service session belongs to the connection that opened it). */
async function withBus<T>(use: (call: Call) => Promise<T>): Promise<T> {
  const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
  const path = /unix:path=([^,;]+)/.exec(address)?.[1];
  if (!path) throw new Error(`not inside the test keyring's D-Bus session (${address})`);
  const bus = dbus.sessionBus({ socket: path });
  const call: Call = (member, iface, signature, body) =>
    new Promise((resolve, reject) =>
      bus.invoke({ ...SERVICE, interface: iface, member, signature, body }, (error, ...values: unknown[]) =>
        error ? reject(new Error(`${error.name}: ${String(error.message)}`)) : resolve(values),
      ),
    );
  try {
    return await use(call);
  } finally {
    bus.connection.stream.end();
  }
}

async function defaultCollection(call: Call): Promise<string> {
  const [path] = await call('ReadAlias', 'org.freedesktop.Secret.Service', 's', ['default']);
  return path as string;
}

export function lockKeyring(): Promise<void> {
  return withBus(async (call) => {
    await call('Lock', 'org.freedesktop.Secret.Service', 'ao', [[await defaultCollection(call)]]);
  });
}

/** gnome-keyring's own unlock-with-password call (the standard Unlock needs a prompt, which tests can't answer). */
export function unlockKeyring(): Promise<void> {
  return withBus(async (call) => {
    const collection = await defaultCollection(call);
    const [, session] = await call('OpenSession', 'org.freedesktop.Secret.Service', 'sv', [
      'plain',
      ['s', ''],
    ]);
    const secret = [session, Buffer.alloc(0), Buffer.from(TEST_KEYRING_PASSWORD), 'text/plain'];
    await call(
      'UnlockWithMasterPassword',
      'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface',
      'o(oayays)',
      [collection, secret],
    );
  });
}

/**
 * The keychain adapters against a real gnome-keyring of this file's own (test/support/private-keyring.ts), so
 * it can be locked and stopped here while the other test files use the shared one: keytar-vault.ts (what every
 * call does on a locked, stopped or unloadable keychain, per platform) and secret-service.ts (the D-Bus side:
 * bus addresses, connections that fail or never answer, locked collections, listing accounts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import dbus from '@homebridge/dbus-native';
import keytar from '@github/keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import { createSecretService } from '../../src/main/keychain/secret-service';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { lockKeyring, unlockKeyring } from '../support/secret-service-control';
import { tempDir } from '../support/temp';

const LOCKED =
  'Your keyring is locked, so Hookwarden cannot read or change signing secrets. Unlock your keyring, then Try again.';

let keyring: PrivateKeyring;
const sharedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
  // Before keytar's first call: libsecret connects to this bus for the rest of the process.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
}, 30_000);
afterAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = sharedBus;
});

/** A keychain service name of one test's own. */
const newService = () => `HookwardenAdapterTest-${randomUUID()}`;

/** Runs `use` with the environment's bus address set to one that leads nowhere. */
async function withoutEnvironmentBus<T>(use: () => Promise<T>): Promise<T> {
  process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(socketDir, 'no-bus')}`;
  try {
    return await use();
  } finally {
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
  }
}

type Call = (member: string, signature: string, body: unknown[], iface?: string) => Promise<unknown[]>;

/** Secret Service calls on the private bus over one connection, for what the app never does (aliases, collections). */
async function withSecretService<T>(use: (call: Call) => Promise<T>): Promise<T> {
  const bus = dbus.sessionBus({ socket: keyring.address.slice('unix:path='.length) });
  const call: Call = (member, signature, body, iface = 'org.freedesktop.Secret.Service') =>
    new Promise((resolve, reject) =>
      bus.invoke(
        {
          destination: 'org.freedesktop.secrets',
          path: '/org/freedesktop/secrets',
          interface: iface,
          member,
          signature,
          body,
        },
        (error, ...values: unknown[]) =>
          error ? reject(new Error(`${error.name}: ${String(error.message)}`)) : resolve(values),
      ),
    );
  try {
    return await use(call);
  } finally {
    bus.connection.stream.end();
  }
}

/**
 * The Secret Service and Item methods called on the private bus while `use` runs, in order (dbus-monitor, which
 * is ready once it printed its NameLost; a last ReadAlias of a name of its own marks the end).
 */
async function secretServiceCalls(use: () => Promise<unknown>): Promise<string[]> {
  const monitor = spawn(
    'dbus-monitor',
    [
      '--address',
      keyring.address,
      "type='method_call',interface='org.freedesktop.Secret.Service'",
      "type='method_call',interface='org.freedesktop.Secret.Item'",
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let output = '';
  const waiters = new Set<() => void>();
  monitor.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of waiters) waiter();
  });
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!output.includes(text)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  try {
    await printed('member=NameLost');
    const start = output.length;
    await use();
    const end = `hookwarden-end-${randomUUID()}`;
    await withSecretService((call) => call('ReadAlias', 's', [end]));
    await printed(`string "${end}"`);
    const members = [...output.slice(start).matchAll(/^method call .* member=(\w+)$/gm)].map(
      (m) => m[1] ?? '',
    );
    return members.slice(0, -1);
  } finally {
    monitor.kill();
  }
}

/** A local socket that takes connections and then does what `behave` says (close them, or never answer). */
async function fakeBus(behave: (socket: Socket) => void): Promise<{ address: string; server: Server }> {
  const path = join(socketDir, 'bus');
  const server = createServer(behave);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  servers.push(server);
  return { address: `unix:path=${path}`, server };
}
/**
 * The private bus through a local socket that ends the client's connection, instead of passing it on, when the
 * client calls `member` for the `nth` time on it.
 */
async function cuttingBus(member: string, nth: number): Promise<string> {
  const bus = keyring.address.slice('unix:path='.length);
  const { address } = await fakeBus((client) => {
    const upstream = connect(bus);
    sockets.push(client, upstream);
    let sent = '';
    client.on('data', (chunk: Buffer) => {
      sent += chunk.toString('latin1');
      if (sent.split(member).length > nth) {
        upstream.destroy();
        client.end();
      } else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  return address;
}
/** Not a tempDir(): the leak guard reads every file there, and a socket can't be read. */
const socketDir = mkdtempSync(join(tmpdir(), 'hookwarden-sockets-'));
afterAll(() => rmSync(socketDir, { recursive: true, force: true }));
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) server.close();
});

describe('keytar vault on a locked keyring', () => {
  it('refuses every call with the unlock advice, changes nothing, and works again once unlocked', async () => {
    const service = newService();
    const vault = createKeytarVault(service);
    await vault.set('p/a', 'secret-a');
    await lockKeyring();
    try {
      for (const call of [
        () => vault.get('p/a'),
        () => vault.set('p/b', 'secret-b'),
        () => vault.delete('p/a'),
        () => vault.list(),
        () => vault.probe(),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: LOCKED });
      }
      // Locked with none of this service's items in it: a new secret would still go into the locked keyring.
      await expect(createKeytarVault(newService()).probe()).rejects.toMatchObject({ message: LOCKED });
    } finally {
      await unlockKeyring();
    }
    await expect(vault.probe()).resolves.toBeUndefined();
    expect(await vault.list()).toEqual(['p/a']);
    expect(await vault.get('p/a')).toBe('secret-a');
    expect(await vault.get('p/b')).toBeNull();
    expect(await vault.delete('p/a')).toBe(true);
    expect(await vault.delete('p/a')).toBe(false);
  });
});

describe('secret service', () => {
  it('names an unlocked keyring unlocked, and a locked one locked', async () => {
    const secretService = createSecretService(newService());
    expect(await secretService.state()).toEqual({ kind: 'unlocked' });
    await lockKeyring();
    try {
      expect(await secretService.state()).toEqual({ kind: 'locked' });
    } finally {
      await unlockKeyring();
    }
    expect(await secretService.state()).toEqual({ kind: 'unlocked' });
  });

  it('an item of the service in a locked collection means locked, even when the default one is unlocked', async () => {
    const service = newService();
    await keytar.setPassword(service, 'p/a', 'secret-a');
    await withSecretService(async (call) => {
      const [login] = (await call('ReadAlias', 's', ['default'])) as [string];
      // gnome-keyring's own call for a second collection with a password (the standard one needs a prompt).
      const [, session] = await call('OpenSession', 'sv', ['plain', ['s', '']]);
      const [other] = (await call(
        'CreateWithMasterPassword',
        'a{sv}(oayays)',
        [
          [['org.freedesktop.Secret.Collection.Label', ['s', 'other']]],
          [session, Buffer.alloc(0), Buffer.from('pw'), 'text/plain'],
        ],
        'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface',
      )) as [string];
      await call('SetAlias', 'so', ['default', other]);
      await call('Lock', 'ao', [[login]]);
      try {
        expect(await createSecretService(service).state()).toEqual({ kind: 'locked' });
        // No item of this other service is locked, and the default collection is not.
        expect(await createSecretService(newService()).state()).toEqual({ kind: 'unlocked' });
      } finally {
        await call('SetAlias', 'so', ['default', login]);
        await unlockKeyring();
      }
    });
    expect(await createSecretService(service).state()).toEqual({ kind: 'unlocked' });
    await keytar.deletePassword(service, 'p/a');
  });

  it('a keyring without a default collection is not locked for that: it asks about the items only', async () => {
    const secretService = createSecretService(newService());
    // Connected first: gnome-keyring sets the default collection again when a new client connects.
    expect(await secretService.state()).toEqual({ kind: 'unlocked' });
    await withSecretService(async (call) => {
      const [login] = (await call('ReadAlias', 's', ['default'])) as [string];
      await call('SetAlias', 'so', ['default', '/']);
      try {
        expect(await call('ReadAlias', 's', ['default'])).toEqual(['/']);
        expect(await secretService.state()).toEqual({ kind: 'unlocked' });
      } finally {
        await call('SetAlias', 'so', ['default', login]);
      }
    });
  });

  it('lists the accounts of its own service only, past the batch size, and skips an item without one', async () => {
    const service = newService();
    // More than one batch of attribute reads (256).
    const accounts = Array.from({ length: 260 }, (_, i) => `p/${String(i).padStart(3, '0')}`);
    for (const account of accounts) await keytar.setPassword(service, account, `s-${account}`);
    await keytar.setPassword(newService(), 'other/a', 'other');
    // An item of the service that another program stored without an account attribute.
    const stored = spawnSync(
      'secret-tool',
      ['store', '--label=no account', 'aaa', 'first', 'service', service, 'zzz', 'last'],
      { env: process.env, input: 'no-account-secret', encoding: 'utf8' },
    );
    expect(stored.status).toBe(0);

    const listed = await createSecretService(service).accounts();
    expect(listed.toSorted()).toEqual(accounts);
    // The vault lists through the Secret Service on Linux: it never loads the secrets to name the accounts.
    expect((await createKeytarVault(service).list()).toSorted()).toEqual(accounts);
    expect(await createSecretService(newService()).accounts()).toEqual([]);
    for (const account of accounts) await keytar.deletePassword(service, account);
  }, 60_000);

  it('lists through the Secret Service on Linux: the keyring state, then a search, never a secret loaded', async () => {
    const service = newService();
    const vault = createKeytarVault(service, { platform: 'linux' });
    await vault.set('p/a', 'secret-a');
    let listed: string[] = [];
    expect(await secretServiceCalls(async () => (listed = await vault.list()))).toEqual([
      'ReadAlias',
      'SearchItems',
      'SearchItems',
    ]);
    expect(listed).toEqual(['p/a']);
    expect(await vault.delete('p/a')).toBe(true);
  });

  it('tries an abstract socket name, and skips addresses it cannot use', async () => {
    await withoutEnvironmentBus(async () => {
      const abstract = await createSecretService(newService(), () => keyring.abstractAddress).state();
      // Node 20 cannot connect to an abstract socket (see socketOf): what counts is that it is the one tried.
      const name = keyring.abstractAddress.slice('unix:abstract='.length);
      expect([
        { kind: 'unlocked' },
        { kind: 'absent', reason: `connect ECONNREFUSED \0${name}` },
      ]).toContainEqual(abstract);
      const several = `unixexec:path=/bin/false;tcp:host=localhost,port=1;${keyring.address}`;
      expect(await createSecretService(newService(), () => several).state()).toEqual({ kind: 'unlocked' });
    });
  });

  it('is absent, with the reason, when there is no bus or no usable address', async () => {
    await withoutEnvironmentBus(async () => {
      expect(await createSecretService('S', () => undefined).state()).toEqual({
        kind: 'absent',
        reason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)',
      });
      expect(await createSecretService('S', () => 'unix:tmpdir=/tmp;tcp:host=x').state()).toEqual({
        kind: 'absent',
        reason: 'unsupported D-Bus session bus address "unix:tmpdir=/tmp;tcp:host=x"',
      });
      const missing = `unix:path=${join(socketDir, 'none')}`;
      expect(await createSecretService('S', () => missing).state()).toEqual({
        kind: 'absent',
        reason: expect.stringMatching(/ENOENT/),
      });
    });
  });

  it('fails every call on a connection that closes, and connects afresh for the next one', async () => {
    const closing = await fakeBus((socket) => socket.end());
    let address = closing.address;
    const secretService = createSecretService(newService(), () => address);
    await withoutEnvironmentBus(async () => {
      expect(await secretService.state()).toEqual({ kind: 'absent', reason: 'the D-Bus connection closed' });
    });
    address = keyring.address;
    expect(await secretService.state()).toEqual({ kind: 'unlocked' });
  });

  it('gives up on a bus that never answers after 5 seconds, and connects afresh for the next call', async () => {
    const silent = await fakeBus((socket) => sockets.push(socket));
    let address = silent.address;
    const secretService = createSecretService(newService(), () => address);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let state: unknown;
    void secretService.state().then((answer) => (state = answer));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(state).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(state).toEqual({ kind: 'absent', reason: 'the Secret Service did not answer' });
    vi.useRealTimers();
    address = keyring.address;
    expect(await secretService.state()).toEqual({ kind: 'unlocked' });
  });
});

describe('keytar vault, a Secret Service that fails while listing', () => {
  it('refuses the list with KEYCHAIN_UNAVAILABLE and the reason when the connection ends after the state check', async () => {
    // The state check's search goes through; the listing's search ends the connection.
    const address = await cuttingBus('SearchItems', 2);
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    try {
      const vault = createKeytarVault(newService(), { platform: 'linux' });
      await expect(vault.list()).rejects.toMatchObject({
        code: 'KEYCHAIN_UNAVAILABLE',
        message:
          'The system keychain is unavailable (the D-Bus connection closed). Make sure a Secret Service ' +
          '(such as gnome-keyring or KWallet) is running and unlocked, then try again.',
      });
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
    }
  });
});

describe('keytar vault, the library that cannot load', () => {
  const keytarPath = createRequire(import.meta.url).resolve('@github/keytar');

  /** Loads keytar through a module file that does not exist until `install()` writes it. */
  function laterInstalled() {
    const shim = join(tempDir(), 'keytar-shim.cjs');
    const load = createRequire(import.meta.url);
    return {
      loadKeytar: async () => load(shim) as typeof keytar,
      install: () => writeFileSync(shim, `module.exports = require(${JSON.stringify(keytarPath)});`),
      shim,
    };
  }

  it('says what to install on Linux, and picks up an install on the next try', async () => {
    const { loadKeytar, install, shim } = laterInstalled();
    const vault = createKeytarVault(newService(), { loadKeytar, platform: 'linux' });
    const error = await vault.probe().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(
        /^The system keychain is unavailable \(its library could not be loaded: Cannot find module /,
      ),
    });
    expect((error as Error).message).toContain(shim);
    expect((error as Error).message).toMatch(
      /\)\. Install libsecret \(on Debian\/Ubuntu: sudo apt install libsecret-1-0; on Fedora: sudo dnf install libsecret\), then restart Hookwarden and try again\.$/,
    );
    install();
    await expect(vault.probe()).resolves.toBeUndefined();
  });

  it.each([
    ['darwin', 'Unlock your login keychain in Keychain Access, then try again.'],
    ['win32', 'Make sure Windows Credential Manager is available for your account, then try again.'],
    ['freebsd', 'Make sure the system keychain is available, then try again.'],
  ] as const)('on %s says: %s', async (platform, advice) => {
    const { loadKeytar } = laterInstalled();
    const vault = createKeytarVault(newService(), { loadKeytar, platform });
    await expect(vault.get('p/a')).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(
        /^The system keychain is unavailable \(its library could not be loaded: /,
      ),
    });
    await expect(vault.get('p/a')).rejects.toThrow(new RegExp(`\\)\\. ${advice.replace(/\./g, '\\.')}$`));
  });
});

describe('keytar vault elsewhere than Linux (no Secret Service asked)', () => {
  it('lists through keytar', async () => {
    const service = newService();
    const vault = createKeytarVault(service, { platform: 'darwin' });
    await vault.set('p/a', 'secret-a');
    await vault.set('p/b', 'secret-b');
    expect((await vault.list()).toSorted()).toEqual(['p/a', 'p/b']);
    expect(await vault.delete('p/a')).toBe(true);
    expect(await vault.delete('p/b')).toBe(true);
  });
});

describe('keytar vault when the Secret Service stops', () => {
  it('refuses every call with KEYCHAIN_UNAVAILABLE and the reason, on Linux and elsewhere', async () => {
    const linux = createKeytarVault(newService(), { platform: 'linux' });
    const darwin = createKeytarVault(newService(), { platform: 'darwin' });
    await darwin.probe();
    await keyring.stopKeyring();
    try {
      for (const call of [() => linux.get('p/a'), () => linux.list(), () => linux.probe()]) {
        await expect(call()).rejects.toMatchObject({
          code: 'KEYCHAIN_UNAVAILABLE',
          message: expect.stringMatching(
            /^The system keychain is unavailable \(no Secret Service answers: org\.freedesktop\.DBus\.Error\.ServiceUnknown: .+\)\. Make sure a Secret Service \(such as gnome-keyring or KWallet\) is running and unlocked, then try again\.$/,
          ),
        });
      }
      // Elsewhere keytar itself answers, and its failure is reported the same way (never "no such item").
      await expect(darwin.probe()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      const error = await darwin.get('p/a').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect((error as Error).message).toMatch(/^The system keychain is unavailable \(.+\)\. /);
      expect((error as Error).message).not.toContain('no Secret Service answers');
      expect((error as Error).message).toMatch(
        /\. Unlock your login keychain in Keychain Access, then try again\.$/,
      );
    } finally {
      await keyring.startKeyring();
    }
  });
});

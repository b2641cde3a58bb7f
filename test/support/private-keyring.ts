/**
 * A D-Bus session bus and gnome-keyring of one test file's own, so that file can lock its keyring or stop its
 * Secret Service without disturbing the tests running beside it on the shared test keyring
 * (scripts/with-test-keyring.sh). The bus has no service activation: a stopped keyring stays stopped.
 *
 * libsecret (behind keytar) connects to the bus named by DBUS_SESSION_BUS_ADDRESS on its first call, and GLib
 * ends the process when that bus goes away: so the bus lives as long as the test process (a watchdog stops it
 * once the process is gone), and a file using it sets the address before keytar's first call.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The password secret-service-control.ts unlocks with. */
const PASSWORD = 'hookwarden-test';
const SECRETS = 'org.freedesktop.secrets';

export interface PrivateKeyring {
  /** The bus, in DBUS_SESSION_BUS_ADDRESS form. */
  address: string;
  /** The same bus, reached through an abstract socket name. */
  abstractAddress: string;
  /** Starts gnome-keyring, unlocked, on this bus (it starts with the bus; this starts it again). */
  startKeyring(): Promise<void>;
  /** Stops gnome-keyring: the bus stays, and nothing answers as org.freedesktop.secrets. */
  stopKeyring(): Promise<void>;
}

async function until(ready: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the private keyring: ${what} took over 10 s`);
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  // Not a tempDir(): the leak guard reads every file there, and sockets can't be read. The watchdog removes it.
  const root = mkdtempSync(join(tmpdir(), 'hookwarden-private-keyring-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['HOME', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME']) {
    env[name] = join(root, name.toLowerCase());
    mkdirSync(env[name], { mode: 0o700 });
  }
  const socket = join(root, 'bus');
  const abstractName = `hookwarden-test-${process.pid}-${Date.now()}`;
  const config = join(root, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <listen>unix:abstract=${abstractName}</listen>
  <auth>EXTERNAL</auth>
  <!-- As a desktop session bus has it (session.conf); the built-in 128 would refuse a listing's batch. -->
  <limit name="max_replies_per_connection">50000</limit>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  // The bus, and a watchdog that stops it and gnome-keyring, and removes their files, once this process has ended.
  const keyringPidFile = join(root, 'keyring.pid');
  const script =
    'dbus-daemon --nofork --config-file="$1" 2>/dev/null & bus=$!; ' +
    'while kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'kill "$bus" $(cat "$3" 2>/dev/null) 2>/dev/null; rm -rf "$4"';
  spawn('sh', ['-c', script, 'watchdog', config, String(process.pid), keyringPidFile, root], {
    detached: true,
    stdio: 'ignore',
  }).unref();
  const address = `unix:path=${socket}`;
  await until(() => existsSync(socket), 'the bus');

  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
  const askBus = (member: string) =>
    promisify(execFile)(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        `org.freedesktop.DBus.${member}`,
        `string:${SECRETS}`,
      ],
      { env: busEnv, encoding: 'utf8' },
    ).then(({ stdout }) => stdout);
  const keyringRuns = async () => /boolean true/.test(await askBus('NameHasOwner'));
  const keyringPid = async () => Number(/uint32 (\d+)/.exec(await askBus('GetConnectionUnixProcessID'))?.[1]);

  const startKeyring = async () => {
    const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      env: busEnv,
      input: PASSWORD,
      encoding: 'utf8',
    });
    if (started.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${started.stderr}`);
    await until(keyringRuns, 'starting gnome-keyring');
    writeFileSync(keyringPidFile, String(await keyringPid()));
  };
  await startKeyring();

  return {
    address,
    abstractAddress: `unix:abstract=${abstractName}`,
    startKeyring,
    async stopKeyring() {
      process.kill(await keyringPid());
      await until(async () => !(await keyringRuns()), 'stopping gnome-keyring');
    },
  };
}

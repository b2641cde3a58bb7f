/**
 * "10,000 items of other profiles change the time to the first screen by no more than noise." The first screen
 * is main starting without the keychain check (config + delivery log + services) and answering what the
 * renderer asks for first (apis.list with app.notices, then webhooks.list), over one API and a few webhooks;
 * it is timed with and without 10,000 items of other profiles (`<otherProfileId>/<uuid>`) plus 1,000
 * unprefixed items (`<uuid>`) in the same keychain service, in alternating runs. The background keychain check
 * (which lists every account of the service) is timed too.
 *
 * Seeding: keytar (one libsecret store per item) into the login keyring slows down as the keyring grows
 * (gnome-keyring appears to rewrite the whole keyring file on every change): 1,000 items took 33 s, and the
 * rate was still falling (15 items/s at 1,000), so 11,000 would take most of an hour. The items are instead created over D-Bus with
 * CreateItem, PER_KEYRING to an extra keyring of the test run's gnome-keyring (all 11,000 in about 50 s).
 * Which keyring holds an item changes nothing for the app: it searches the Secret Service by service name
 * across all keyrings, and these keyrings are unlocked like the login one. They are deleted at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import dbus from '@homebridge/dbus-native';
import { afterAll, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { emptyConfig } from '../../src/main/config/schema';
import { systemClock } from '../../src/main/ports';
import { type SecretVault } from '../../src/main/keychain/ports';
import { accountOf } from '../../src/main/keychain/profile-secrets';
import { DEFAULT_SCHEME, type Webhook } from '../../src/shared/domain';
import { removeTestKeychainItems, testVault } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';
import { median, ms, percentile, report } from './measure';

const WEBHOOKS = 5;
const OTHER_PROFILES = 10;
const OTHER_PROFILE_ITEMS = 10_000;
const UNPREFIXED_ITEMS = 1_000;
/** Items per extra keyring: small enough that rewriting the keyring file on each item stays cheap. */
const PER_KEYRING = 200;
/** CreateItem calls in flight at once. */
const IN_FLIGHT = 16;
/** First-screen runs per variant (alternating), after one warm-up each. */
const RUNS = 40;
const CHECK_RUNS = 5;

const SERVICE_PATH = '/org/freedesktop/secrets';
const SECRET_SERVICE = 'org.freedesktop.Secret.Service';

interface DbusCall {
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}

/** A connection to the test run's Secret Service (its private session bus), for what keytar does slowly. */
function secretServiceBus() {
  const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
  const socket = /unix:path=([^,;]+)/.exec(address)?.[1];
  if (!socket) throw new Error(`unsupported D-Bus session bus address "${address}"`);
  const bus = dbus.sessionBus({ socket });
  const call = (message: DbusCall) =>
    new Promise<unknown[]>((resolve, reject) =>
      bus.invoke({ destination: 'org.freedesktop.secrets', ...message }, (error, ...values: unknown[]) =>
        error ? reject(new Error(`${error.name}: ${String(error.message)}`)) : resolve(values),
      ),
    );
  return { call, close: () => bus.connection.stream.end() };
}

/** The extra keyrings made by seedItems, deleted after the file. */
const seededKeyrings: string[] = [];

afterAll(async () => {
  const { call, close } = secretServiceBus();
  try {
    for (const keyring of seededKeyrings.splice(0))
      await call({ path: keyring, interface: 'org.freedesktop.Secret.Collection', member: 'Delete' });
  } finally {
    close();
  }
  // After the keyrings are gone: this reads every item of the test services through keytar.
  await removeTestKeychainItems();
});

/** Creates an item per account under `service`, as keytar would name it; resolves with the time taken. */
async function seedItems(service: string, accounts: string[]): Promise<number> {
  const start = performance.now();
  const { call, close } = secretServiceBus();
  try {
    const [, session] = (await call({
      path: SERVICE_PATH,
      interface: SECRET_SERVICE,
      member: 'OpenSession',
      signature: 'sv',
      body: ['plain', ['s', '']],
    })) as [unknown, string];
    const secret = (value: string) => [session, [], Buffer.from(value), 'text/plain'];
    for (let first = 0; first < accounts.length; first += PER_KEYRING) {
      const [keyring] = (await call({
        path: SERVICE_PATH,
        interface: 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface',
        member: 'CreateWithMasterPassword',
        signature: 'a{sv}(oayays)',
        body: [[['org.freedesktop.Secret.Collection.Label', ['s', `Bench ${first}`]]], secret('')],
      })) as [string];
      seededKeyrings.push(keyring);
      const batch = accounts.slice(first, first + PER_KEYRING);
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const account = batch[next++] as string;
          const attributes = [
            ['service', service],
            ['account', account],
            ['xdg:schema', 'org.freedesktop.Secret.Generic'],
          ];
          await call({
            path: keyring,
            interface: 'org.freedesktop.Secret.Collection',
            member: 'CreateItem',
            signature: 'a{sv}(oayays)b',
            body: [
              [
                ['org.freedesktop.Secret.Item.Label', ['s', `${service}/${account}`]],
                ['org.freedesktop.Secret.Item.Attributes', ['a{ss}', attributes]],
              ],
              secret(`whsec_${randomBytes(32).toString('base64')}`),
              false,
            ],
          });
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    }
  } finally {
    close();
  }
  return performance.now() - start;
}

/** The keychain with every call counted (and how many accounts each list answered, in how long). */
function countingVault(vault: SecretVault) {
  const calls: string[] = [];
  const listed: number[] = [];
  const listMs: number[] = [];
  const counted: SecretVault = {
    get: (account) => (calls.push('get'), vault.get(account)),
    set: (account, secret) => (calls.push('set'), vault.set(account, secret)),
    delete: (account) => (calls.push('delete'), vault.delete(account)),
    probe: () => (calls.push('probe'), vault.probe()),
    async list() {
      calls.push('list');
      const start = performance.now();
      const accounts = await vault.list();
      listMs.push(performance.now() - start);
      listed.push(accounts.length);
      return accounts;
    },
  };
  return { vault: counted, calls, listed, listMs };
}

/** A data dir with one API and WEBHOOKS webhooks whose secrets are in `vault`'s service. */
async function profile(vault: SecretVault): Promise<{ dir: string; vault: SecretVault }> {
  const dir = tempDir();
  const { store } = openConfigStore(dir, systemClock);
  const now = new Date().toISOString();
  const apiId = randomUUID();
  const webhooks: Webhook[] = Array.from({ length: WEBHOOKS }, (_, i) => ({
    id: randomUUID(),
    apiId,
    version: 'v4',
    url: `https://hooks.example.com/${i}`,
    createdAt: now,
    updatedAt: now,
    secretRotatedAt: now,
    scheme: DEFAULT_SCHEME,
  }));
  const config = {
    ...emptyConfig(),
    apis: [{ id: apiId, name: 'Invoices', versions: ['v4'], createdAt: now }],
  };
  store.update(() => ({ ...config, webhooks }));
  for (const { id } of webhooks)
    await vault.set(accountOf(config.profileId, id), `whsec_${randomBytes(32).toString('base64')}`);
  return { dir, vault };
}

/** Main's start and the renderer's first questions; fails if any of it asked the keychain. */
async function firstScreen({ dir, vault }: { dir: string; vault: SecretVault }): Promise<number> {
  const counting = countingVault(vault);
  const start = performance.now();
  const h = await startHarness({ dir, vault: counting.vault, keychainCheck: false });
  const [apis] = await Promise.all([h.ok('apis.list'), h.ok('app.notices')]);
  const webhooks = await h.ok('webhooks.list', { apiId: apis[0]?.id ?? '' });
  const elapsed = performance.now() - start;
  expect(webhooks).toHaveLength(WEBHOOKS);
  expect(counting.calls, 'keychain calls before the first screen').toEqual([]);
  return elapsed;
}

interface CheckRun {
  ms: number;
  /** How long each listing of the service's accounts took within the check. */
  listMs: number[];
}

/** The background check over a fresh start; checks that it listed `expectedAccounts` and reported nothing. */
async function keychainCheck(
  { dir, vault }: { dir: string; vault: SecretVault },
  expectedAccounts: number,
): Promise<CheckRun> {
  const counting = countingVault(vault);
  const h = await startHarness({ dir, vault: counting.vault, keychainCheck: false });
  const start = performance.now();
  await h.services.keychain.startupCheck();
  const elapsed = performance.now() - start;
  // Every list the check made (it may list more than once) saw all the items.
  expect([...new Set(counting.listed)]).toEqual([expectedAccounts]);
  // No orphan-secrets notice: not one of the other items is this profile's (and the keychain answered).
  expect(await h.ok('app.notices')).toEqual([]);
  return { ms: elapsed, listMs: counting.listMs };
}

it('10,000 items of other profiles (+1,000 unprefixed) in the keychain service: first screen and background check', async () => {
  const without = await profile(testVault());
  const withItems = await profile(testVault());
  const service = (withItems.vault as SecretVault & { service: string }).service;
  const others = Array.from({ length: OTHER_PROFILES }, () => randomUUID());
  const accounts = [
    ...Array.from({ length: OTHER_PROFILE_ITEMS }, (_, i) => `${others[i % OTHER_PROFILES]}/${randomUUID()}`),
    ...Array.from({ length: UNPREFIXED_ITEMS }, () => randomUUID()),
  ];
  const seedMs = await seedItems(service, accounts);

  await firstScreen(without); // warm-up
  await firstScreen(withItems);
  const screens = { without: [] as number[], with: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    // ABBA order, so neither variant always runs right after the other.
    if (i % 2 === 0) {
      screens.without.push(await firstScreen(without));
      screens.with.push(await firstScreen(withItems));
    } else {
      screens.with.push(await firstScreen(withItems));
      screens.without.push(await firstScreen(without));
    }
  }

  const checks = { without: [] as CheckRun[], with: [] as CheckRun[] };
  for (let i = 0; i < CHECK_RUNS; i++) {
    checks.without.push(await keychainCheck(without, WEBHOOKS));
    checks.with.push(await keychainCheck(withItems, WEBHOOKS + accounts.length));
  }

  const ratio = median(screens.with) / median(screens.without);
  const checkRows = (variant: 'without' | 'with', items: number) => {
    const runs = checks[variant];
    const lists = runs.flatMap((run) => run.listMs);
    const label = `${items.toLocaleString('en')} items in the service`;
    return [
      {
        measure: `background keychain check, ${label} (median of ${CHECK_RUNS})`,
        median_ms: ms(median(runs.map((run) => run.ms))),
        p95_ms: '',
      },
      {
        measure: `  of which one listing of the accounts (${lists.length / runs.length} per check)`,
        median_ms: ms(median(lists)),
        p95_ms: '',
      },
    ];
  };
  report(
    `Time to the first screen with ${accounts.length.toLocaleString('en')} items of other profiles ` +
      `in the keychain service (medians of ${RUNS}, alternating)`,
    [
      {
        measure: 'first screen, without the items',
        median_ms: ms(median(screens.without)),
        p95_ms: ms(percentile(screens.without, 95)),
      },
      {
        measure: 'first screen, with the items',
        median_ms: ms(median(screens.with)),
        p95_ms: ms(percentile(screens.with, 95)),
      },
      { measure: 'ratio with / without (medians)', median_ms: Number(ratio.toFixed(3)), p95_ms: '' },
      ...checkRows('without', WEBHOOKS),
      ...checkRows('with', WEBHOOKS + accounts.length),
      {
        measure: `seeding ${accounts.length.toLocaleString('en')} items over D-Bus (once)`,
        median_ms: ms(seedMs),
        p95_ms: '',
      },
    ],
  );
  // The ratio is printed, not asserted (timing on a shared machine): what holds it near 1 is asserted in
  // firstScreen, where any keychain call before the first screen fails the bench.
  expect(screens.with).toHaveLength(RUNS);
});

/**
 * The keychain check after start, in this process (regenerate-crash.test.ts does the same through a killed
 * child): a regenerate a restart interrupted is finished and named, a keychain that cannot answer becomes a
 * notice that "Try again" clears, and only this profile's items are judged.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SecretVault } from '../../src/main/keychain/ports';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { manualClock } from '../support/clock';
import { clipboardDouble } from '../support/electron-double';
import { faultyVault, writesRefused } from '../support/faults';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';

describe('the keychain check finishes a regenerate a restart interrupted', () => {
  it('makes the pending secret current, records the time, drops the pending item and names the webhook', async () => {
    const clock = manualClock();
    const { h: first, vault, dir, api, hook } = await startWithWebhook({ clock });
    const old = (await profileItems(first)).get(hook.id);
    // The app stopped right after writing the new secret to the pending slot.
    const fresh = generateSecret();
    await vault.set(`${first.account(hook.id)}#pending`, fresh);

    clock.advance(60_000);
    const h = await startHarness({ dir, vault, clock, keychainCheck: false });
    clipboardDouble.text = old ?? ''; // copied before the app stopped
    await h.services.keychain.startupCheck();
    expect(await profileItems(h)).toEqual(new Map([[hook.id, fresh]]));
    // The old secret no longer signs anything: it does not stay on the clipboard.
    expect(clipboardDouble.text).toBe('');
    expect(old).not.toBe(fresh);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      { ...hook, updatedAt: clock.iso(), secretRotatedAt: clock.iso() },
    ]);
    expect(await h.ok('app.notices')).toEqual([
      {
        kind: 'secret-changed',
        message:
          'The signing secret of Invoices v4 (https://example.com/a) was regenerated as Hookwarden stopped; ' +
          'the new secret is in effect. Give your receiver the new secret.',
      },
    ]);
  });

  it('also when it stopped after making the pending secret current: the clipboard holding it keeps it', async () => {
    const { h: first, vault, dir, api, hook } = await startWithWebhook();
    const current = (await profileItems(first)).get(hook.id) ?? '';
    await vault.set(`${first.account(hook.id)}#pending`, current);

    const h = await startHarness({ dir, vault, keychainCheck: false });
    clipboardDouble.text = current;
    await h.services.keychain.startupCheck();
    expect(await profileItems(h)).toEqual(new Map([[hook.id, current]]));
    expect(clipboardDouble.text).toBe(current);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
  });

  it('also when the current item was gone: the webhook is not flagged as missing its secret', async () => {
    const { h: first, vault, dir, api, hook } = await startWithWebhook();
    const fresh = generateSecret();
    await vault.set(`${first.account(hook.id)}#pending`, fresh);
    await vault.delete(first.account(hook.id));

    const h = await startHarness({ dir, vault });
    expect(await profileItems(h)).toEqual(new Map([[hook.id, fresh]]));
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
    expect((await h.ok('app.notices')).map((notice) => notice.kind)).toEqual(['secret-changed']);
  });

  it('leaves a pending item of no webhook alone, and reports it as a leftover', async () => {
    const { h: first, vault, dir, hook } = await startWithWebhook();
    const stray = randomUUID();
    const value = generateSecret();
    await vault.set(`${first.account(stray)}#pending`, value);

    const h = await startHarness({ dir, vault });
    const items = await profileItems(h);
    expect(items.get(`${stray}#pending`)).toBe(value);
    expect(items.has(stray)).toBe(false);
    expect(items.has(hook.id)).toBe(true);
    expect(await h.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 1 });
    expect([...(await profileItems(h)).keys()]).toEqual([hook.id]);
  });
});

describe('a keychain that cannot answer at start', () => {
  it('is a notice with its reason; "Try again" once it answers runs the check and clears the notice', async () => {
    const { h: first, vault, dir } = await startWithWebhook();
    const orphan = randomUUID();
    await vault.set(first.account(orphan), generateSecret());
    const { vault: flaky, control } = faultyVault(vault, ['probe', 'list'], 'the keyring is locked');

    const h = await startHarness({ dir, vault: flaky });
    expect(await h.ok('app.notices')).toEqual([
      { kind: 'keychain-unavailable', message: 'the keyring is locked' },
    ]);
    expect(await h.ok('keychain.check')).toEqual({ available: false, message: 'the keyring is locked' });

    control.armed = false;
    expect(await h.ok('keychain.check')).toEqual({ available: true });
    // The check ran now: the leftover it found replaces the keychain notice.
    expect(await h.ok('app.notices')).toEqual([expect.objectContaining({ kind: 'orphan-secrets' })]);
  });

  it('a failure that is not the keychain being unavailable: no notice, and "Try again" says INTERNAL', async () => {
    const { vault, dir } = await startWithWebhook();
    const broken: SecretVault = {
      ...vault,
      probe: () => Promise.reject(new TypeError('a bug, not a locked keychain')),
    };
    const h = await startHarness({ dir, vault: broken });
    expect(await h.ok('app.notices')).toEqual([]);
    expect(await h.invoke('keychain.check')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('the keychain check, run again and between checks', () => {
  it('"Remove them" before any check, or again after removing, removes nothing and asks the keychain nothing else', async () => {
    const { h: first, vault, dir, hook } = await startWithWebhook();
    const orphan = randomUUID();
    await vault.set(first.account(orphan), generateSecret());
    const { vault: watched, control } = faultyVault(vault, []);

    const h = await startHarness({ dir, vault: watched, keychainCheck: false });
    control.calls.length = 0;
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 0 });
    expect(control.calls).toEqual(['probe']);
    const mine = { vault, profileId: h.profileId };
    expect([...(await profileItems(mine)).keys()].toSorted()).toEqual([hook.id, orphan].toSorted());

    await h.services.keychain.startupCheck();
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 1 });
    control.calls.length = 0;
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 0 });
    expect(control.calls).toEqual(['probe']);
    expect([...(await profileItems(mine)).keys()]).toEqual([hook.id]);
  });

  it('"Try again" after a passed check only probes: the check does not run twice', async () => {
    const { vault, dir } = await startWithWebhook();
    const { vault: watched, control } = faultyVault(vault, []);
    const h = await startHarness({ dir, vault: watched });
    control.calls.length = 0;
    expect(await h.ok('keychain.check')).toEqual({ available: true });
    expect(await h.ok('keychain.check')).toEqual({ available: true });
    expect(control.calls).toEqual(['probe', 'probe']);
  });

  it('a check run again replaces its notices: one leftover notice, then none once the leftover is gone', async () => {
    const { h: first, vault, dir } = await startWithWebhook();
    const orphan = first.account(randomUUID());
    await vault.set(orphan, generateSecret());
    const leftover = {
      kind: 'orphan-secrets',
      message: '1 signing secret in the keychain belongs to no webhook of this profile.',
    };

    const h = await startHarness({ dir, vault });
    expect(await h.ok('app.notices')).toEqual([leftover]);
    await h.services.keychain.startupCheck();
    expect(await h.ok('app.notices')).toEqual([leftover]);
    await vault.delete(orphan);
    await h.services.keychain.startupCheck();
    expect(await h.ok('app.notices')).toEqual([]);
  });

  it('a keychain that still cannot answer on the next check: one notice, not two', async () => {
    const { vault, dir } = await startWithWebhook();
    const { vault: flaky } = faultyVault(vault, ['probe', 'list'], 'the keyring is locked');
    const h = await startHarness({ dir, vault: flaky });
    await h.services.keychain.startupCheck();
    expect(await h.ok('app.notices')).toEqual([
      { kind: 'keychain-unavailable', message: 'the keyring is locked' },
    ]);
  });

  it('a check with no copy of older items to make writes no config: a config that cannot be written still gets it', async () => {
    const { h: first, vault, dir } = await startWithWebhook();
    await vault.set(first.account(randomUUID()), generateSecret());
    const h = await startHarness({
      dir,
      vault,
      wrapStore: writesRefused,
    });
    expect(await h.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
  });

  it('flags a webhook whose current secret is gone even when another item of it (a header value) is there', async () => {
    const { h: first, vault, dir, api, hook } = await startWithWebhook();
    await vault.set(`${first.account(hook.id)}#header:x-api-key`, 'k-1');
    await vault.delete(first.account(hook.id));

    const h = await startHarness({ dir, vault });
    expect((await h.ok('webhooks.list', { apiId: api.id })).map((w) => w.secretMissing)).toEqual([true]);
    // The header is not one of the webhook's: its value is a leftover.
    expect(await h.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
  });

  it('"Remove them" keeps a reported leftover that a webhook has used since (a secret header of that name)', async () => {
    const { h: first, vault, dir, hook } = await startWithWebhook();
    await vault.set(`${first.account(hook.id)}#header:x-api-key`, 'k-old');
    const h = await startHarness({ dir, vault });
    expect((await h.ok('app.notices')).map((notice) => notice.kind)).toEqual(['orphan-secrets']);

    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [{ name: 'X-Api-Key', secret: true, value: 'k-new' }],
    });
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 0 });
    expect((await profileItems(h)).get(`${hook.id}#header:x-api-key`)).toBe('k-new');
    expect(await h.ok('app.notices')).toEqual([]);
  });

  it('a webhook deleted while the check finishes its regenerate: each of its items counts once in the report', async () => {
    const { h: first, vault, dir, hook } = await startWithWebhook();
    await vault.set(`${first.account(hook.id)}#pending`, generateSecret());
    const app: { h?: Harness } = {};
    let deleting = false;
    const racing: SecretVault = {
      ...vault,
      async delete(account) {
        const answer = await vault.delete(account);
        // The user deletes the webhook just as the check removes the pending copy.
        if (account.endsWith('#pending') && !deleting && app.h) {
          deleting = true;
          await app.h.ok('webhooks.delete', { id: hook.id });
        }
        return answer;
      },
    };
    const h = await startHarness({ dir, vault: racing, keychainCheck: false });
    app.h = h;
    await h.services.keychain.startupCheck();
    expect(deleting).toBe(true);
    // The listing was taken before the delete: it still names the webhook's current item, once.
    expect((await h.ok('app.notices')).filter((notice) => notice.kind === 'orphan-secrets')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
    expect(await profileItems(h)).toEqual(new Map());
  });
});

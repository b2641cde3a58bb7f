/**
 * Secret rotation, the parts a finished step does not show: what a start (the keychain check) makes of the
 * keychain items and config a crash between two writes leaves, what a delivery does and does not touch, the
 * expiry timer's arming, and the exact words of the refusals. The real keychain (the test run's private
 * gnome-keyring), real deliveries to a receiver on 127.0.0.1, and time moved by the test, never waited for.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { systemClock } from '../../src/main/ports';
import { EXPIRY_RETRY_MS } from '../../src/main/rotation/rotation';
import type { Rotation } from '../../src/shared/rotation';
import type { SignatureScheme } from '../../src/shared/domain';
import { manualSchedule } from '../support/clock';
import { clipboardDouble } from '../support/electron-double';
import { faultyVault } from '../support/faults';
import { startRotationCore } from '../support/rotation-core';
import { profileItems, testVault } from '../support/keyring';
import { onMainEvent, startHarness, type Harness, type HarnessOptions } from '../support/main-harness';
import type { startReceiver } from '../support/receiver';
import { type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** setTimeout's longest wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A core with one webhook of this scheme, pointing at a receiver, on a clock and schedule the test moves. */
async function setUp(
  scheme: SignatureScheme,
  respond?: Parameters<typeof startReceiver>[0],
  options: HarnessOptions = {},
) {
  const started = await startRotationCore(scheme, respond, options);
  const { h, hook, clock, timers } = started;
  const keychain = { vault: started.vault, profileId: h.profileId };
  /** The webhook's items by slot ('' for the current secret), as the keychain holds them. */
  const items = async () =>
    new Map(
      [...(await profileItems(keychain))]
        .filter(([key]) => key.startsWith(hook.id))
        .map(([key, value]) => [key.slice(hook.id.length), value]),
    );
  const secret = async (slot = '') => (await items()).get(slot);
  /** Writes the webhook's rotation in the config file, as the config is on disk after a crash. */
  const writeRotation = (rotation: Rotation | undefined) =>
    openConfigStore(h.dir, systemClock).store.update((current) => ({
      ...current,
      webhooks: current.webhooks.map((w) => {
        if (w.id !== hook.id) return w;
        const written = { ...w, rotation };
        if (!rotation) delete written.rotation;
        return written;
      }),
    }));
  /** A start over the same data dir and keychain (the keychain check runs unless told not to). */
  const restart = (options: HarnessOptions = {}) =>
    startHarness({ dir: h.dir, vault: started.vault, clock, schedule: timers.schedule, ...options });
  return { ...started, items, secret, writeRotation, restart };
}

const webhookOf = async (h: Harness, apiId: string, id: string) =>
  (await h.ok('webhooks.list', { apiId })).find((w) => w.id === id);
const noticeKinds = async (h: Harness) => (await h.ok('app.notices')).map((n) => n.kind);
const last = (receiver: Receiver) => receiver.received.at(-1) as Received;

describe('a start finishes what a crash between two keychain writes left', () => {
  it('a roll stopped after its new secret became current, before the config said so: the switch is recorded', async () => {
    const { h, api, hook, receiver, secret, writeRotation, restart } = await setUp('stripe');
    const old = (await secret()) as string;
    const rolled = await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    const fresh = (await secret()) as string;
    // The keychain is as the roll left it (the new secret current, `next` gone); the config not yet switched.
    if (rolled.rotation?.phase !== 'overlap') throw new Error('the roll made no overlap');
    writeRotation({ ...rolled.rotation, switched: false });

    const restarted = await restart();
    expect((await webhookOf(restarted, api.id, hook.id))?.rotation).toEqual(rolled.rotation);
    expect(await secret()).toBe(fresh);
    expect(await secret('#previous')).toBe(old);
    expect(await secret('#next')).toBeUndefined();
    expect(await noticeKinds(restarted)).not.toContain('orphan-secrets');
    const sent = await restarted.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current', 'previous']);
    expect(await verifyDelivery('stripe', fresh, last(receiver))).toBe(true);
    expect(await verifyDelivery('stripe', old, last(receiver))).toBe(true);
  });

  it('"End overlap now" stopped after the old secret left the keychain: the config ends the overlap too', async () => {
    const { h, api, hook, items, restart } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    const fresh = (await items()).get('');
    expect(await h.vault.delete(`${h.account(hook.id)}#previous`)).toBe(true);

    const restarted = await restart();
    expect((await webhookOf(restarted, api.id, hook.id))?.rotation).toBeUndefined();
    expect(await items()).toEqual(new Map([['', fresh]]));
    expect(await noticeKinds(restarted)).not.toContain('orphan-secrets');
  });

  it.each([
    ['with the new secret still in `next`', true],
    ['after `next` went (a start that was itself interrupted)', false],
  ])(
    'a roll stopped after copying the old secret to `previous`, before the config named it (%s): the copy goes',
    async (_when, withNext) => {
      const { h, api, hook, items, secret, restart } = await setUp('stripe');
      const old = (await secret()) as string;
      await h.vault.set(`${h.account(hook.id)}#previous`, old);
      if (withNext) await h.vault.set(`${h.account(hook.id)}#next`, generateSecret());

      const restarted = await restart();
      expect(await items()).toEqual(new Map([['', old]]));
      expect((await webhookOf(restarted, api.id, hook.id))?.rotation).toBeUndefined();
      expect(await noticeKinds(restarted)).not.toContain('orphan-secrets');
    },
  );

  it('an item in `previous` that is not a copy of the current secret is kept and reported, not removed', async () => {
    const { h, hook, items, secret, restart } = await setUp('stripe');
    const current = (await secret()) as string;
    const stray = generateSecret();
    await h.vault.set(`${h.account(hook.id)}#previous`, stray);

    const restarted = await restart();
    expect(await items()).toEqual(
      new Map([
        ['', current],
        ['#previous', stray],
      ]),
    );
    expect(await restarted.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
  });

  it('a roll refused for a missing current secret leaves its new secret, which the keychain check removes', async () => {
    const { h, hook, items } = await setUp('stripe');
    expect(await h.vault.delete(h.account(hook.id))).toBe(true);
    expect(await h.invoke('rotation.roll', { id: hook.id, keepOldFor: '1h' })).toMatchObject({
      ok: false,
      error: { code: 'SECRET_MISSING' },
    });
    expect([...(await items()).keys()]).toEqual(['#next']);

    await h.services.keychain.startupCheck();
    expect(await items()).toEqual(new Map());
    expect(await noticeKinds(h)).not.toContain('orphan-secrets');
  });
});

describe('what a delivery and "End overlap now" touch', () => {
  it('a delivery of a webhook the config gives no rotation reads the keychain, never changes it', async () => {
    const { h, hook, items } = await setUp('stripe');
    const stray = generateSecret();
    await h.vault.set(`${h.account(hook.id)}#next`, stray);
    const before = await items();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current']);
    expect(await items()).toEqual(before);
    expect(before.get('#next')).toBe(stray);
  });

  it('"End overlap now" clears the clipboard if it still holds the old secret', async () => {
    const { h, hook, secret } = await setUp('stripe');
    const old = await secret();
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    await h.ok('secrets.copy', { id: hook.id, role: 'previous' });
    expect(clipboardDouble.text).toBe(old);
    await h.ok('rotation.endOverlap', { id: hook.id });
    expect(clipboardDouble.text).toBe('');
  });
});

describe('the expiry timer is armed once, for the earliest end', () => {
  it('a start arms it for the overlap the config holds', async () => {
    const { h, hook, clock, restart } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    clock.advance(HOUR);
    const timers = manualSchedule();
    await restart({ schedule: timers.schedule });
    expect(timers.pending()).toEqual([23 * HOUR]);
  });

  it('a start after the overlap ended arms it at once, and it ends the overlap', async () => {
    const { h, api, hook, clock, secret, restart } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    clock.advance(3 * DAY);
    const timers = manualSchedule();
    const restarted = await restart({ schedule: timers.schedule, keychainCheck: false });
    expect(timers.pending()).toEqual([0]);
    const expired = new Promise((resolve) => {
      const stop = onMainEvent((event, payload) => {
        if (event !== 'webhooks.changed') return;
        stop();
        resolve(payload);
      });
    });
    await timers.advance(0);
    expect(await expired).toEqual({ ids: [hook.id] });
    expect(await secret('#previous')).toBeUndefined();
    expect((await webhookOf(restarted, api.id, hook.id))?.rotation).toBeUndefined();
  });

  it("an end beyond setTimeout's reach (the clock was set back) waits the longest it can, then again", async () => {
    const { h, api, hook, clock, restart } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '7d' });
    clock.advance(-30 * DAY);
    const timers = manualSchedule();
    const restarted = await restart({ schedule: timers.schedule });
    expect(timers.pending()).toEqual([MAX_TIMER_MS]);
    clock.advance(MAX_TIMER_MS);
    await timers.advance(MAX_TIMER_MS);
    expect((await webhookOf(restarted, api.id, hook.id))?.rotation?.phase).toBe('overlap');
    expect(timers.pending()).toEqual([37 * DAY - MAX_TIMER_MS]);
  });

  it('overlaps ending at the same time or later add no timer', async () => {
    const { h, api, hook, timers } = await setUp('stripe');
    const others = [];
    for (const url of ['https://example.com/b', 'https://example.com/c']) {
      const other = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url });
      await h.ok('webhooks.setScheme', { id: other.id, scheme: 'stripe' });
      others.push(other);
    }
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    expect(timers.pending()).toEqual([DAY]);
    await h.ok('rotation.roll', { id: others[0]?.id as string, keepOldFor: '24h' });
    await h.ok('rotation.roll', { id: others[1]?.id as string, keepOldFor: '7d' });
    expect(timers.pending()).toEqual([DAY]);
  });

  it('after a refused expiry, an overlap ending before the retry is not kept waiting for it', async () => {
    const real = testVault();
    const { vault, control } = faultyVault(real, ['get']);
    control.armed = false;
    const { h, api, hook, clock, timers } = await setUp('stripe', undefined, { vault });
    const other = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/b',
    });
    await h.ok('webhooks.setScheme', { id: other.id, scheme: 'stripe' });
    const lag = EXPIRY_RETRY_MS / 2;
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    clock.advance(lag);
    await timers.advance(lag);
    await h.ok('rotation.roll', { id: other.id, keepOldFor: '1h' });
    expect(timers.pending()).toEqual([HOUR - lag]);

    control.armed = true;
    clock.advance(HOUR - lag);
    await timers.advance(HOUR - lag);
    expect((await webhookOf(h, api.id, hook.id))?.rotation?.phase).toBe('overlap');
    // The other overlap ends sooner than the retry of the refused one (a minute from now): its own time.
    expect(timers.pending()).toEqual([lag]);
  });
});

/** A Mindee receiver that accepts the secrets it is told, and 401 otherwise. */
function mindeeReceiver(accepts: { secrets: string[] }) {
  return async (request: Received, response: ServerResponse) => {
    for (const secret of accepts.secrets) {
      if (await verifyDelivery('mindee', secret, request)) return response.writeHead(204).end();
    }
    return response.writeHead(401).end('bad signature');
  };
}

describe('refusals, word for word', () => {
  it('a second roll during an overlap asks for confirmation', async () => {
    const { h, hook } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    expect(await h.invoke('rotation.roll', { id: hook.id, keepOldFor: '24h' })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'ROTATION_IN_PROGRESS',
        message: 'This webhook is in an overlap: rolling again ends its old secret now. Confirm to go on.',
      }),
    });
  });

  it('the switch waits for the new secret to be accepted, even when the current one was', async () => {
    const accepts = { secrets: [] as string[] };
    const { h, hook, secret } = await setUp('mindee', mindeeReceiver(accepts));
    accepts.secrets = [(await secret()) as string];
    await h.ok('rotation.roll', { id: hook.id });
    const refusedNew = await h.ok('rotation.test', { id: hook.id, role: 'next' });
    const acceptedCurrent = await h.ok('rotation.test', { id: hook.id, role: 'current' });
    expect([refusedNew.delivery.response?.status, acceptedCurrent.delivery.response?.status]).toEqual([
      401, 204,
    ]);
    expect(await h.invoke('rotation.switch', { id: hook.id })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ROTATION_UNTESTED' }),
    });
    expect(await secret('#next')).toBeDefined();
    expect(await secret('#previous')).toBeUndefined();
  });
});

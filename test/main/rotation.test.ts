/**
 * Secret rotation through the real core: the real keychain (the test run's private gnome-keyring), real
 * deliveries to a receiver on 127.0.0.1, the official verifier libraries as judges, and time moved by the test
 * (the Clock and Schedule ports), never waited for.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { EXPIRY_RETRY_MS } from '../../src/main/rotation/rotation';
import type { SignatureScheme } from '../../src/shared/domain';
import { clipboardDouble } from '../support/electron-double';
import { gatedVault } from '../support/gated-vault';
import { faultyStore, faultyVault } from '../support/faults';
import { manualSchedule } from '../support/clock';
import { startWithWebhook } from '../support/fixtures';
import { startRotationCore } from '../support/rotation-core';
import { profileItems, testVault } from '../support/keyring';
import { onMainEvent, startHarness, type HarnessOptions } from '../support/main-harness';
import { expectRotationConsistent } from '../support/rotation-checks';
import type { startReceiver } from '../support/receiver';
import { closedPort, header, type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const HOUR = 60 * 60 * 1000;
/** A core with one webhook of this scheme, pointing at a receiver, on a clock the test moves. */
async function setUp(
  scheme: SignatureScheme,
  respond?: Parameters<typeof startReceiver>[0],
  options: HarnessOptions = {},
) {
  const core = await startRotationCore(scheme, respond, options);
  const secret = async (slot = '') => (await profileItems(core.h)).get(`${core.hook.id}${slot}`);
  return { ...core, secret };
}

/**
 * Which of these secrets the official verifier accepts the last received delivery with, judged at the moment
 * the test's clock says it was sent (the libraries compare its timestamp with Date.now()).
 */
async function acceptedBy(
  scheme: SignatureScheme,
  received: Received,
  secrets: Record<string, string>,
  sentAt?: Date,
) {
  const accepted: string[] = [];
  if (sentAt) vi.useFakeTimers({ toFake: ['Date'], now: sentAt });
  try {
    for (const [name, value] of Object.entries(secrets)) {
      if (await verifyDelivery(scheme, value, received)) accepted.push(name);
    }
  } finally {
    vi.useRealTimers();
  }
  return accepted;
}

const last = (receiver: Receiver) => receiver.received.at(-1) as Received;

describe.each(['standard-webhooks', 'stripe'] as const)('roll with an overlap (%s)', (scheme) => {
  it('signs with both secrets, newest first, until the overlap expires; then with the new one alone', async () => {
    const { h, hook, receiver, clock, timers, secret } = await setUp(scheme);
    const old = (await secret()) as string;

    const rolled = await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    const fresh = (await secret()) as string;
    expect(fresh).not.toBe(old);
    expect(await secret('#previous')).toBe(old);
    expect(rolled.rotation).toEqual({
      phase: 'overlap',
      startedAt: clock.iso(),
      expiresAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
      guided: false,
      switched: true,
    });
    expect(rolled.secretRotatedAt).toBe(clock.iso());

    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current', 'previous']);
    expect(await acceptedBy(scheme, last(receiver), { fresh, old })).toEqual(['fresh', 'old']);
    const signatures =
      scheme === 'stripe'
        ? (header(last(receiver), 'Stripe-Signature').match(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/) ?? [])
        : (header(last(receiver), 'webhook-signature').match(/^v1,\S{44} v1,\S{44}$/) ?? []);
    expect(signatures).toHaveLength(1);

    // A redelivery carries both signatures too, and so does "Copy as curl" (signed again now).
    await h.ok('deliveries.redeliver', { deliveryId: sent.id });
    expect(await acceptedBy(scheme, last(receiver), { fresh, old })).toEqual(['fresh', 'old']);
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    expect(command.match(scheme === 'stripe' ? /v1=[0-9a-f]{64}/g : /v1,[A-Za-z0-9+/=]{44}/g)).toHaveLength(
      2,
    );
    expect(command).not.toContain(fresh);
    expect(command).not.toContain(old);

    // One minute before the end nothing changes; at the end the timer removes the old secret.
    clock.advance(24 * HOUR - 60_000);
    await timers.advance(24 * HOUR - 60_000);
    expect(await secret('#previous')).toBe(old);
    const expired = new Promise((resolve) =>
      onMainEvent((event, payload) => event === 'webhooks.changed' && resolve(payload)),
    );
    clock.advance(60_000);
    await timers.advance(60_000);
    expect(await expired).toEqual({ ids: [hook.id] });
    expect(await secret('#previous')).toBeUndefined();
    const [after] = await h.ok('webhooks.list', { apiId: rolled.apiId });
    expect(after?.rotation).toBeUndefined();

    const later = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(later.signedWith).toEqual(['current']);
    expect(await acceptedBy(scheme, last(receiver), { fresh, old }, clock.now())).toEqual(['fresh']);
  });
});

describe('overlap: expiry, a second roll, ending it early', () => {
  it('a start after a long pause expires the overlap before anything is signed', async () => {
    const { h, hook, clock, secret, vault } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    expect(await secret('#previous')).toBeDefined();

    clock.advance(3 * 24 * HOUR);
    const restarted = await startHarness({ dir: h.dir, vault, clock, schedule: manualSchedule().schedule });
    expect(await secret('#previous')).toBeUndefined();
    const [webhook] = await restarted.ok('webhooks.list', { apiId: hook.apiId });
    expect(webhook?.rotation).toBeUndefined();
  });

  it('a delivery after the expiry time never carries the old signature, even before the timer ran', async () => {
    const { h, hook, receiver, clock, secret } = await setUp('standard-webhooks');
    const old = (await secret()) as string;
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    const fresh = (await secret()) as string;
    clock.advance(HOUR); // the timer has not been run
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current']);
    expect(await acceptedBy('standard-webhooks', last(receiver), { fresh, old }, clock.now())).toEqual([
      'fresh',
    ]);
    expect(await secret('#previous')).toBeUndefined();
  });

  it('a second roll during an overlap asks first, then ends the oldest secret', async () => {
    const { h, hook, clock, secret } = await setUp('stripe');
    const first = (await secret()) as string;
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '7d' });
    const second = (await secret()) as string;

    clock.advance(HOUR);
    const refused = await h.invoke('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROTATION_IN_PROGRESS' } });
    expect([await secret(), await secret('#previous')]).toEqual([second, first]);

    const again = await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h', endOverlap: true });
    const third = (await secret()) as string;
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await secret('#previous')).toBe(second);
    expect(again.rotation).toMatchObject({
      phase: 'overlap',
      expiresAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    });
  });

  it('"End overlap now" removes the old secret at once; a second time there is no overlap', async () => {
    const { h, hook, secret } = await setUp('standard-webhooks');
    const old = (await secret()) as string;
    await h.ok('rotation.roll', { id: hook.id });
    const current = await secret();
    expect(await h.ok('secrets.reveal', { id: hook.id, role: 'previous' })).toEqual({ secret: old });

    const ended = await h.ok('rotation.endOverlap', { id: hook.id });
    expect(ended.rotation).toBeUndefined();
    expect(await secret('#previous')).toBeUndefined();
    expect(await secret()).toBe(current);
    expect(await h.invoke('rotation.endOverlap', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION' },
    });
    expect(await h.invoke('secrets.reveal', { id: hook.id, role: 'previous' })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION' },
    });
  });

  it('"Expire now" rolls without an overlap: the old secret is gone at once', async () => {
    const { h, hook, secret } = await setUp('stripe');
    const old = await secret();
    const rolled = await h.ok('rotation.roll', { id: hook.id, keepOldFor: 'now' });
    expect(rolled.rotation).toBeUndefined();
    expect(await secret()).not.toBe(old);
    expect(await secret('#previous')).toBeUndefined();
  });

  it('regenerate is refused during a rotation, changing nothing', async () => {
    const { h, hook, secret } = await setUp('stripe');
    await h.ok('rotation.roll', { id: hook.id });
    const before = [await secret(), await secret('#previous')];
    expect(await h.invoke('webhooks.regenerateSecret', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'ROTATION_IN_PROGRESS' },
    });
    expect([await secret(), await secret('#previous')]).toEqual(before);
  });
});

/** A Mindee receiver that accepts the secrets it is told, and 401 otherwise (HMAC as the Mindee SDK does). */
function mindeeReceiver(accepts: { secrets: string[] }) {
  return async (request: Received, response: ServerResponse) => {
    for (const secret of accepts.secrets) {
      if (await verifyDelivery('mindee', secret, request)) return response.writeHead(204).end();
    }
    return response.writeHead(401).end('bad signature');
  };
}

describe('guided rotation (single-signature schemes)', () => {
  it('Mindee: roll, test both secrets, switch, check the old one is refused', async () => {
    const accepts = { secrets: [] as string[] };
    const { h, hook, receiver, clock, secret } = await setUp('mindee', mindeeReceiver(accepts));
    const old = (await secret()) as string;
    accepts.secrets = [old];

    // Step 1: the new secret waits in `next`; deliveries still sign with the current one.
    const started = await h.ok('rotation.roll', { id: hook.id });
    expect(started.rotation).toEqual({ phase: 'next', startedAt: clock.iso(), tests: {} });
    const next = (await secret('#next')) as string;
    expect(next).toBeDefined();
    expect(await secret()).toBe(old);
    expect(await h.ok('secrets.reveal', { id: hook.id, role: 'next' })).toEqual({ secret: next });
    const plain = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(plain.signedWith).toEqual(['current']);
    expect(await acceptedBy('mindee', last(receiver), { old, next })).toEqual(['old']);

    // Step 2, before the receiver knows the new secret: refused, and the switch waits for it.
    const early = await h.ok('rotation.test', { id: hook.id, role: 'next' });
    expect(early.delivery).toMatchObject({ signedWith: ['next'], purpose: 'rotation-test' });
    expect(early.webhook.rotation).toMatchObject({ tests: { next: { accepted: false, status: 401 } } });
    expect(await h.invoke('rotation.switch', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'ROTATION_UNTESTED' },
    });

    // The user adds the new secret next to the current one; both tests pass.
    accepts.secrets = [old, next];
    const newTest = await h.ok('rotation.test', { id: hook.id, role: 'next' });
    expect(await acceptedBy('mindee', last(receiver), { old, next })).toEqual(['next']);
    expect(newTest.webhook.rotation).toMatchObject({
      tests: { next: { accepted: true, status: 204, deliveryId: newTest.delivery.id } },
    });
    const currentTest = await h.ok('rotation.test', { id: hook.id, role: 'current' });
    expect(await acceptedBy('mindee', last(receiver), { old, next })).toEqual(['old']);
    expect(currentTest.webhook.rotation).toMatchObject({
      tests: { current: { accepted: true }, next: { accepted: true } },
    });

    // Step 3: the switch. The old secret stays as `previous` (not signing: one signature only).
    const switched = await h.ok('rotation.switch', { id: hook.id, keepOldFor: '1h' });
    expect(switched.rotation).toMatchObject({ phase: 'overlap', guided: true, switched: true });
    expect([await secret(), await secret('#previous'), await secret('#next')]).toEqual([
      next,
      old,
      undefined,
    ]);
    const after = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(after.signedWith).toEqual(['current']);
    expect(await acceptedBy('mindee', last(receiver), { old, next })).toEqual(['next']);

    // Step 4: the receiver drops the old secret; a delivery signed with it gets the 401.
    accepts.secrets = [next];
    const check = await h.ok('rotation.test', { id: hook.id, role: 'previous' });
    expect(check.delivery.response?.status).toBe(401);
    expect(check.webhook.rotation).toMatchObject({ oldSecretCheck: { accepted: false, status: 401 } });
  });

  it('GitHub: "Cancel rotation" discards the new secret; the current one never changed', async () => {
    const { h, hook, secret } = await setUp('github');
    const old = await secret();
    await h.ok('rotation.roll', { id: hook.id });
    expect(await secret('#next')).toBeDefined();
    expect(await h.invoke('rotation.roll', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'ROTATION_IN_PROGRESS' },
    });
    const cancelled = await h.ok('rotation.cancel', { id: hook.id });
    expect(cancelled.rotation).toBeUndefined();
    expect(await secret('#next')).toBeUndefined();
    expect(await secret()).toBe(old);
    expect(await h.invoke('rotation.cancel', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION' },
    });
  });

  it('a forced switch goes through without tests', async () => {
    const { h, hook, secret } = await setUp('github');
    await h.ok('rotation.roll', { id: hook.id });
    const next = await secret('#next');
    const switched = await h.ok('rotation.switch', { id: hook.id, force: true, keepOldFor: 'now' });
    expect(switched.rotation).toBeUndefined();
    expect(await secret()).toBe(next);
    expect(await secret('#previous')).toBeUndefined();
  });
});

describe('keychain unavailable at each step: a typed error, nothing half done', () => {
  it.each([
    ['roll (overlap)', 'stripe', [], { channel: 'rotation.roll' }],
    ['roll (guided)', 'mindee', [], { channel: 'rotation.roll' }],
    [
      'a second roll during an overlap',
      'stripe',
      ['rotation.roll'],
      { channel: 'rotation.roll', endOverlap: true },
    ],
    ['end overlap', 'stripe', ['rotation.roll'], { channel: 'rotation.endOverlap' }],
    ['switch', 'mindee', ['rotation.roll'], { channel: 'rotation.switch', force: true }],
    ['cancel', 'mindee', ['rotation.roll'], { channel: 'rotation.cancel' }],
  ] as const)(
    '%s: the keychain goes away before each of its calls in turn',
    async (_name, scheme, before, call) => {
      const { channel, ...extra } = call;
      let failures = 0;
      // passes = how many keychain calls go through before it goes away; up to the step's whole run.
      for (let passes = 0; ; passes++) {
        const real = testVault();
        const { vault, control } = faultyVault(real, ['get', 'set', 'delete', 'probe', 'list']);
        control.armed = false;
        const { h, hook, api } = await startWithWebhook({ vault });
        const keychain = { vault: real, profileId: h.profileId };
        await h.ok('webhooks.setScheme', { id: hook.id, scheme });
        for (const step of before) await h.ok(step, { id: hook.id });
        const items = await profileItems(keychain);
        const known = new Set(items.values());

        Object.assign(control, { armed: true, passes });
        const result = await h.invoke(channel, { id: hook.id, ...extra } as never);
        control.armed = false;
        if (result.ok) break;
        failures++;
        const where = `${channel} with the keychain gone after ${passes} call(s)`;
        expect(result, where).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
        await expectRotationConsistent(h, keychain, api.id, hook.id, where);
        // No secret but the ones there before and the one the step made.
        const after = [...(await profileItems(keychain)).values()].filter((secret) => !known.has(secret));
        expect(after.length, where).toBeLessThanOrEqual(1);
      }
      expect(failures).toBeGreaterThan(0);
    },
  );
});

describe('rotation tests: what the receiver answered', () => {
  it('keeps the status and a few words; only a 2xx counts as accepted', async () => {
    let answer = (response: ServerResponse) => response.writeHead(200, 'OK').end();
    const { h, hook } = await setUp('mindee', (_request, response) => answer(response));
    await h.ok('rotation.roll', { id: hook.id });
    const testNext = async () => {
      const { delivery, webhook } = await h.ok('rotation.test', { id: hook.id, role: 'next' });
      const { deliveryId, sentAt, ...result } =
        webhook.rotation?.phase === 'next' ? (webhook.rotation.tests.next ?? {}) : {};
      expect({ deliveryId, sentAt }).toEqual({ deliveryId: delivery.id, sentAt: delivery.sentAt });
      return result;
    };

    expect(await testNext()).toEqual({ status: 200, accepted: true, summary: '200 OK' });
    answer = (response) => response.writeHead(299, '').end();
    expect(await testNext()).toEqual({ status: 299, accepted: true, summary: '299' });
    answer = (response) => response.writeHead(300, 'Multiple Choices').end();
    expect(await testNext()).toEqual({ status: 300, accepted: false, summary: '300 Multiple Choices' });
    const reason = `Unauthorized ${'x'.repeat(300)}`;
    answer = (response) => response.writeHead(401, reason).end();
    expect(await testNext()).toEqual({
      status: 401,
      accepted: false,
      summary: `401 ${reason}`.slice(0, 200),
    });

    // No answer at all: no status, and what went wrong in its place.
    const port = await closedPort();
    await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${port}/hooks` });
    expect(await testNext()).toEqual({
      status: null,
      accepted: false,
      summary: `Connection refused: nothing accepted the connection at 127.0.0.1:${port}.`,
    });
  });

  it('"Test the current secret" during an overlap is not taken for the old secret\'s check', async () => {
    const { h, hook, receiver } = await setUp('stripe');
    const rolled = await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    const tested = await h.ok('rotation.test', { id: hook.id, role: 'current' });
    expect(tested.delivery).toMatchObject({ signedWith: ['current'], purpose: 'rotation-test' });
    expect(receiver.received).toHaveLength(1);
    expect(tested.webhook.rotation).toEqual(rolled.rotation);

    const check = await h.ok('rotation.test', { id: hook.id, role: 'previous' });
    expect(check.webhook.rotation).toEqual({
      ...rolled.rotation,
      oldSecretCheck: expect.objectContaining({ deliveryId: check.delivery.id, accepted: true }),
    });
  });

  it('without a rotation, nothing is sent', async () => {
    const { h, hook, receiver } = await setUp('mindee');
    expect(await h.invoke('rotation.test', { id: hook.id, role: 'current' })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'NO_ROTATION',
        message: 'No rotation is in progress for this webhook.',
      }),
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('a check of the old secret answered after a new rotation began in the same instant stays off it', async () => {
    let arrived = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { h, hook, clock } = await setUp('mindee', async (_request, response) => {
      arrived();
      await answered;
      response.writeHead(401).end();
    });
    await h.ok('rotation.roll', { id: hook.id });
    await h.ok('rotation.switch', { id: hook.id, force: true, keepOldFor: '1h' });
    const checking = h.invoke('rotation.test', { id: hook.id, role: 'previous' });
    await arrival;
    // The clock has not moved: the new rotation starts at the same instant as the overlap did.
    await h.ok('rotation.endOverlap', { id: hook.id });
    const restarted = await h.ok('rotation.roll', { id: hook.id });
    expect(restarted.rotation).toEqual({ phase: 'next', startedAt: clock.iso(), tests: {} });
    answer();
    const checked = await checking;
    expect(checked).toMatchObject({ ok: true, data: { delivery: { response: { status: 401 } } } });
    expect(checked.ok && checked.data.webhook.rotation).toEqual(restarted.rotation);
  });
});

describe('refused steps say why', () => {
  it('a guided rotation: no second roll, no switch before both secrets were accepted', async () => {
    const { h, hook } = await setUp('github');
    expect(await h.invoke('rotation.switch', { id: hook.id, force: true })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION', message: 'No new secret is waiting for a switch.' },
    });
    await h.ok('rotation.roll', { id: hook.id });
    expect(await h.invoke('rotation.roll', { id: hook.id })).toMatchObject({
      ok: false,
      error: {
        code: 'ROTATION_IN_PROGRESS',
        message:
          'A guided rotation of this webhook is in progress: switch to its new secret or cancel it first.',
      },
    });
    expect(await h.invoke('rotation.endOverlap', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION', message: 'This webhook has no old secret in overlap.' },
    });

    // The new secret accepted, the current one never tested: still refused.
    const test = await h.ok('rotation.test', { id: hook.id, role: 'next' });
    expect(test.webhook.rotation).toMatchObject({ tests: { next: { accepted: true } } });
    expect(await h.invoke('rotation.switch', { id: hook.id })).toMatchObject({
      ok: false,
      error: {
        code: 'ROTATION_UNTESTED',
        message: 'Your receiver has not yet accepted test deliveries signed with both secrets.',
      },
    });
    await h.ok('rotation.cancel', { id: hook.id });
    expect(await h.invoke('rotation.cancel', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'NO_ROTATION', message: 'No rotation is waiting to be cancelled.' },
    });
  });
});

describe('what a step records, and what a delivery signs with', () => {
  it('the switch stamps when the secret rotated; a guided start does not', async () => {
    const { h, hook, clock } = await setUp('mindee');
    clock.advance(HOUR);
    const started = await h.ok('rotation.roll', { id: hook.id });
    expect([started.secretRotatedAt, started.updatedAt]).toEqual([hook.secretRotatedAt, hook.updatedAt]);
    clock.advance(HOUR);
    const switched = await h.ok('rotation.switch', { id: hook.id, force: true, keepOldFor: '1h' });
    expect([switched.secretRotatedAt, switched.updatedAt]).toEqual([clock.iso(), clock.iso()]);
    expect(clock.iso()).not.toBe(hook.secretRotatedAt);
  });

  it('"Cancel rotation" clears the clipboard if it still holds the discarded secret', async () => {
    const { h, hook, secret } = await setUp('github');
    await h.ok('rotation.roll', { id: hook.id });
    await h.ok('secrets.copy', { id: hook.id, role: 'next' });
    expect(clipboardDouble.text).toBe(await secret('#next'));
    await h.ok('rotation.cancel', { id: hook.id });
    expect(clipboardDouble.text).toBe('');
  });

  it('a switch the keychain interrupted is finished before the next delivery signs', async () => {
    const real = testVault();
    const { vault, control } = faultyVault(real, ['set']);
    control.armed = false;
    const { h, hook, receiver } = await setUp('stripe', undefined, { vault });
    const secret = async (slot = '') =>
      (await profileItems({ vault: real, profileId: h.profileId })).get(`${hook.id}${slot}`);
    const old = (await secret()) as string;
    // The roll's keychain writes: the new secret into `next`, the old one into `previous`, then the new one
    // into the current slot — refused.
    Object.assign(control, { armed: true, passes: 2 });
    expect(await h.invoke('rotation.roll', { id: hook.id, keepOldFor: '1h' })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    control.armed = false;
    const fresh = (await secret('#next')) as string;
    expect([await secret(), await secret('#previous')]).toEqual([old, old]);

    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current', 'previous']);
    expect(await acceptedBy('stripe', last(receiver), { fresh, old })).toEqual(['fresh', 'old']);
    expect([await secret(), await secret('#previous'), await secret('#next')]).toEqual([
      fresh,
      old,
      undefined,
    ]);
  });

  it('an item in the previous slot that the config does not name never signs', async () => {
    const { h, hook, receiver, secret } = await setUp('stripe');
    const current = (await secret()) as string;
    const stray = generateSecret();
    await h.vault.set(`${h.account(hook.id)}#previous`, stray);
    expect(await secret('#previous')).toBe(stray);
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.signedWith).toEqual(['current']);
    expect(await acceptedBy('stripe', last(receiver), { current, stray })).toEqual(['current']);
  });

  it('a rotation test answered after its rotation was cancelled is not recorded', async () => {
    let arrived = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { h, hook, api } = await setUp('mindee', async (_request, response) => {
      arrived();
      await answered;
      response.writeHead(204).end();
    });
    await h.ok('rotation.roll', { id: hook.id });
    const testing = h.invoke('rotation.test', { id: hook.id, role: 'next' });
    await arrival;
    await h.ok('rotation.cancel', { id: hook.id });
    answer();
    const tested = await testing;
    expect(tested).toMatchObject({ ok: true, data: { delivery: { response: { status: 204 } } } });
    expect(tested.ok && tested.data.webhook.rotation).toBeUndefined();
    const [after] = await h.ok('webhooks.list', { apiId: api.id });
    expect(after?.rotation).toBeUndefined();
  });
});

describe('the expiry timer', () => {
  /** The ids of every 'webhooks.changed' main emits while `run` runs. */
  async function changedDuring(run: () => Promise<void>): Promise<string[][]> {
    const changes: string[][] = [];
    const stop = onMainEvent((event, payload) => {
      if (event === 'webhooks.changed') changes.push((payload as { ids: string[] }).ids);
    });
    try {
      await run();
    } finally {
      stop();
    }
    return changes;
  }

  it('ends each overlap at its own time, tells about that webhook once, then waits for nothing', async () => {
    const { h, hook, api, clock, timers } = await setUp('stripe');
    const other = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/b',
    });
    await h.ok('webhooks.setScheme', { id: other.id, scheme: 'stripe' });
    const changed = () =>
      new Promise<void>((resolve) => {
        const stop = onMainEvent((event) => {
          if (event !== 'webhooks.changed') return;
          stop();
          resolve();
        });
      });
    const changes = await changedDuring(async () => {
      await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
      await h.ok('rotation.roll', { id: other.id, keepOldFor: '1h' });
      let expired = changed();
      clock.advance(HOUR);
      await timers.advance(HOUR);
      await expired;
      const listed = await h.ok('webhooks.list', { apiId: api.id });
      expect(listed.map((w) => [w.id, w.rotation?.phase])).toEqual([
        [hook.id, 'overlap'],
        [other.id, undefined],
      ]);
      expired = changed();
      clock.advance(23 * HOUR);
      await timers.advance(23 * HOUR);
      await expired;
      // A step of the webhook runs after every expiry still at work on it.
      expect(await h.invoke('rotation.endOverlap', { id: hook.id })).toMatchObject({
        ok: false,
        error: { code: 'NO_ROTATION' },
      });
    });
    expect(changes).toEqual([[other.id], [hook.id]]);
    expect(timers.pending()).toEqual([]);
  });

  it('an overlap ended early: its timer later finds nothing to end and tells nobody', async () => {
    const { h, hook, clock, timers } = await setUp('standard-webhooks');
    const changes = await changedDuring(async () => {
      await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
      await h.ok('rotation.endOverlap', { id: hook.id });
      expect(timers.pending()).toEqual([24 * HOUR]);
      clock.advance(24 * HOUR);
      await timers.advance(24 * HOUR);
    });
    expect(changes).toEqual([]);
    expect(timers.pending()).toEqual([]);
  });

  it('an expiry the keychain refuses is kept, tried again a minute later, and done once the keychain answers', async () => {
    const real = testVault();
    const { vault, control } = faultyVault(real, ['get']);
    control.armed = false;
    const { h, hook, api, clock, timers } = await setUp('stripe', undefined, { vault });
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    control.armed = true;
    clock.advance(HOUR);
    await timers.advance(HOUR);
    const [kept] = await h.ok('webhooks.list', { apiId: api.id });
    expect(kept?.rotation?.phase).toBe('overlap');
    // A minute later, not at once (the overlap's end is past): a keychain that is down is not asked again
    // and again.
    expect(timers.pending()).toEqual([EXPIRY_RETRY_MS]);
    const asked = control.calls.length;
    clock.advance(EXPIRY_RETRY_MS);
    await timers.advance(EXPIRY_RETRY_MS);
    expect(control.calls.length).toBeGreaterThan(asked);
    expect(timers.pending()).toEqual([EXPIRY_RETRY_MS]);

    control.armed = false;
    clock.advance(EXPIRY_RETRY_MS);
    await timers.advance(EXPIRY_RETRY_MS);
    // The real keychain answers in its own time.
    const rotationNow = async () => (await h.ok('webhooks.list', { apiId: api.id }))[0]?.rotation;
    await expect.poll(rotationNow, { timeout: 10_000 }).toBeUndefined();
    expect(timers.pending()).toEqual([]);
  });

  it('an expiry that cannot write the config fails with that error, not as a keychain to try again', async () => {
    let store: ReturnType<typeof faultyStore> | undefined;
    const { h, hook, clock } = await setUp('stripe', undefined, {
      wrapStore: (opened) => (store = faultyStore(opened)).store,
    });
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    clock.advance(HOUR);
    if (!store) throw new Error('the store was not wrapped');
    store.control.armed = true;
    await expect(h.services.rotation.expireDue()).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: 'injected write failure',
    });
  });
});

describe('a slow keychain, and changes made in between', () => {
  it('a step waits for every earlier step of its webhook, even one queued behind a step that finished', async () => {
    const real = testVault();
    const { vault, holdNext } = gatedVault(real);
    const { h, hook, api, secret } = await setUp('stripe', undefined, { vault });
    const staged = (account: string) => account.endsWith('#next');

    // A roll waits on the keychain; a second one is asked for meanwhile.
    const firstHeld = holdNext('set', staged);
    const first = h.invoke('rotation.roll', { id: hook.id, keepOldFor: '24h' });
    await firstHeld.reached;
    const second = h.invoke('rotation.roll', { id: hook.id, keepOldFor: '24h', endOverlap: true });
    const secondHeld = holdNext('set', staged);
    firstHeld.release();
    expect(await first).toMatchObject({ ok: true });

    // The first roll is done; the second waits on the keychain. "End overlap now" comes after it.
    await secondHeld.reached;
    const ending = h.invoke('rotation.endOverlap', { id: hook.id });
    secondHeld.release();
    expect(await second).toMatchObject({ ok: true, data: { rotation: { phase: 'overlap' } } });
    const current = await secret();
    const ended = await ending;
    expect(ended).toMatchObject({ ok: true });
    expect(ended.ok && ended.data.rotation).toBeUndefined();
    const [after] = await h.ok('webhooks.list', { apiId: api.id });
    expect(after?.rotation).toBeUndefined();
    expect([await secret(), await secret('#previous'), await secret('#next')]).toEqual([
      current,
      undefined,
      undefined,
    ]);
  });

  it('a switch whose new secret left the keychain meanwhile stops, changing nothing', async () => {
    const real = testVault();
    const { vault, holdNext } = gatedVault(real);
    const { h, hook, secret } = await setUp('mindee', undefined, { vault });
    const old = await secret();
    await h.ok('rotation.roll', { id: hook.id });
    // The switch reads the new secret twice: when it settles the webhook, then right before it switches.
    let reads = 0;
    const held = holdNext('get', (account) => account.endsWith('#next') && ++reads === 2);
    const switching = h.invoke('rotation.switch', { id: hook.id, force: true, keepOldFor: '1h' });
    await held.reached;
    // Another process (the command line) cancels the rotation in between.
    expect(await real.delete(`${h.account(hook.id)}#next`)).toBe(true);
    held.release();
    expect(await switching).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'SECRET_MISSING',
        message: 'The new signing secret is no longer in the keychain.',
      }),
    });
    expect([await secret(), await secret('#previous'), await secret('#next')]).toEqual([
      old,
      undefined,
      undefined,
    ]);
  });
});

describe('a config that cannot be written', () => {
  it.each([
    ['overlap', 'stripe', '#previous'],
    ['guided', 'mindee', '#next'],
  ] as const)(
    'a roll (%s) that cannot record itself takes its secret out of the keychain again',
    async (_kind, scheme, slot) => {
      let store: ReturnType<typeof faultyStore> | undefined;
      const { h, hook, api, secret } = await setUp(scheme, undefined, {
        wrapStore: (opened) => (store = faultyStore(opened)).store,
      });
      const old = await secret();
      if (!store) throw new Error('the store was not wrapped');
      store.control.armed = true;
      expect(await h.invoke('rotation.roll', { id: hook.id, keepOldFor: '1h' })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'STORAGE_FAILED', message: 'injected write failure' }),
      });
      store.control.armed = false;
      expect([await secret(), await secret(slot)]).toEqual([old, undefined]);
      const keychain = { vault: h.vault, profileId: h.profileId };
      const { webhook, items } = await expectRotationConsistent(h, keychain, api.id, hook.id, scheme);
      expect([webhook.rotation, items.get('')]).toEqual([undefined, old]);
    },
  );
});

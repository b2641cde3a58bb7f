/**
 * "Check receiver security" against three receivers on 127.0.0.1: one verifying with the official Standard
 * Webhooks library (5-minute tolerance both ways), one that accepts anything, one that checks the HMAC but not
 * the timestamp. Each gets exactly the findings its behaviour deserves.
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecurityProbeId, SecurityReport } from '../../src/shared/preflight';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';
import { header, startReceiver, type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

type Judge = (request: Received, secret: string) => boolean | Promise<boolean>;

/** A Standard Webhooks webhook whose receiver answers 204 when `judge` accepts, else 401. */
async function checkAgainst(judge: Judge) {
  const { h, hook } = await startWithWebhook();
  await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'standard-webhooks' });
  const secret = (await profileItems(h)).get(hook.id) as string;
  const receiver = await startReceiver(async (request, response: ServerResponse) => {
    response.writeHead((await judge(request, secret)) ? 204 : 401).end();
  });
  receivers.push(receiver);
  await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/hooks` });
  const report = await h.ok('preflight.checkReceiver', { id: hook.id });
  return { h, hook, receiver, report };
}

const outcomes = (report: SecurityReport) =>
  Object.fromEntries(report.probes.map((probe) => [probe.id, probe.outcome])) as Record<
    SecurityProbeId,
    string
  >;

/** The HMAC alone, as a receiver that never looks at the timestamp checks it. */
const hmacOnly: Judge = (request, secret) => {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${header(request, 'webhook-id')}.${header(request, 'webhook-timestamp')}.${request.body}`;
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  return header(request, 'webhook-signature').split(' ').includes(expected);
};

describe('Check receiver security', () => {
  it('a receiver verifying with the official library passes every check', async () => {
    const { h, hook, receiver, report } = await checkAgainst((request, secret) =>
      verifyDelivery('standard-webhooks', secret, request),
    );
    expect(outcomes(report)).toEqual({
      valid: 'pass',
      unsigned: 'pass',
      'wrong-secret': 'pass',
      'tampered-body': 'pass',
      'too-old': 'pass',
      'in-future': 'pass',
      'unknown-version': 'pass',
      duplicate: 'info',
    });
    const duplicate = report.probes.find((probe) => probe.id === 'duplicate');
    expect(duplicate?.statuses).toEqual([204, 204]);
    expect(duplicate?.meaning).toMatch(/deduplicate on the message id/);
    const [once, twice] = receiver.received.slice(-2);
    expect(header(once as Received, 'webhook-id')).toBe(header(twice as Received, 'webhook-id'));

    // Every request is in the log as a security check, and says so in its User-Agent.
    const records = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(records).toHaveLength(9);
    expect(new Set(records.map((r) => r.purpose))).toEqual(new Set(['security-check']));
    expect(receiver.received.every((r) => /security check/.test(header(r, 'User-Agent')))).toBe(true);
    // The unsigned one went without its signature; the tampered one's body differs from what was signed.
    expect(receiver.received[1]?.headers['webhook-signature']).toBeUndefined();
    expect(receiver.received[3]?.body).not.toBe(receiver.received[0]?.body);
    expect(() => JSON.parse(receiver.received[3]?.body ?? '')).not.toThrow();
  });

  it('a receiver that accepts anything fails the unsigned, wrong-secret, tampered and replay checks', async () => {
    const { report } = await checkAgainst(() => true);
    expect(outcomes(report)).toEqual({
      valid: 'pass',
      unsigned: 'fail',
      'wrong-secret': 'fail',
      'tampered-body': 'fail',
      'too-old': 'fail',
      'in-future': 'fail',
      'unknown-version': 'fail',
      duplicate: 'info',
    });
    expect(report.probes.find((probe) => probe.id === 'unsigned')?.meaning).toBe(
      'Your receiver accepts unsigned requests: anyone can forge webhooks to it.',
    );
  });

  it('a receiver that checks the HMAC but not the timestamp fails only the replay checks', async () => {
    const { report } = await checkAgainst(hmacOnly);
    expect(outcomes(report)).toMatchObject({
      valid: 'pass',
      unsigned: 'pass',
      'wrong-secret': 'pass',
      'tampered-body': 'pass',
      'too-old': 'fail',
      'in-future': 'fail',
      'unknown-version': 'pass',
    });
    expect(report.probes.find((probe) => probe.id === 'too-old')?.meaning).toMatch(/replays are possible/);
  });

  it('a receiver refusing the valid delivery: says so and sends nothing forged', async () => {
    const { receiver, report } = await checkAgainst(() => false);
    expect(report.probes[0]).toMatchObject({ id: 'valid', outcome: 'fail', statuses: [401] });
    expect(new Set(report.probes.slice(1).map((probe) => probe.outcome))).toEqual(new Set(['skip']));
    expect(receiver.received).toHaveLength(1);
  });

  it('asks first before sending forged requests to a host other than this machine', async () => {
    const { h, hook } = await startWithWebhook();
    const result = await h.invoke('preflight.checkReceiver', { id: hook.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
    expect(result.ok || result.error.message).toMatch(/only for receivers you own/);
    expect(await h.ok('deliveries.list', { webhookId: hook.id })).toEqual([]);
  });
});

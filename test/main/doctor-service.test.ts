/**
 * The signature doctor where the user meets it, through the real core: a pasted request (the app's own curl
 * command or a raw request), a delivery the receiver refused, a request the Inbox received. The secrets come
 * from the real keychain and never appear in an answer.
 */
import { request as httpRequest, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/shared/doctor';
import type { SignatureScheme } from '../../src/shared/domain';
import { manualClock } from '../support/clock';
import { startWithWebhook } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { profileItems } from '../support/keyring';
import type { Harness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';

const receivers: Receiver[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const h of harnesses.splice(0)) await h.ok('inbox.stop');
});

/** Two webhooks of one API, each pointing at a receiver that refuses everything with a 401. */
async function setUp(clock?: ReturnType<typeof manualClock>) {
  const receiver = await startReceiver((_request, response: ServerResponse) => response.writeHead(401).end());
  receivers.push(receiver);
  const { h, api, hook } = await startWithWebhook(clock ? { clock } : {});
  harnesses.push(h);
  const url = `${receiver.url}/hooks`;
  await h.ok('webhooks.updateUrl', { id: hook.id, url });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'stripe' });
  const other = await h.ok('webhooks.create', { apiId: api.id, version: 'v3', url, scheme: 'stripe' });
  const secrets = await profileItems(h);
  return { h, hook, other, secrets, names: { hook: `Invoices v4 (${url})`, other: `Invoices v3 (${url})` } };
}

/** No secret of the profile appears anywhere in an answer. */
function expectNoSecret(diagnosis: Diagnosis, secrets: Map<string, string>) {
  const text = JSON.stringify(diagnosis);
  for (const secret of secrets.values()) expect(text).not.toContain(secret);
}

describe('the signature doctor in the app', () => {
  it("a delivery's own curl command, pasted: valid, signed with the webhook's current secret", async () => {
    const { h, hook, secrets, names } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    const diagnosis = await h.ok('doctor.diagnose', { request: command, against: { webhookId: hook.id } });
    expect(diagnosis.report.verdict).toEqual({
      valid: true,
      summary: `Valid — signed with the current secret of ${names.hook}`,
    });
    expectNoSecret(diagnosis, secrets);
  });

  it('checked against the wrong webhook: names the webhook whose secret signed it', async () => {
    const { h, hook, other, secrets, names } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: other.id });
    const raw = [
      'POST /hooks HTTP/1.1',
      ...Object.entries(sent.request.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      sent.request.body,
    ].join('\r\n');
    const diagnosis = await h.ok('doctor.diagnose', { request: raw, against: { webhookId: hook.id } });
    expect(diagnosis.report.verdict.valid).toBe(false);
    const finding = diagnosis.report.findings.find((f) => f.rule === 'secret-other-webhook');
    expect(`${finding?.title} ${finding?.detail}`).toContain(names.other);
    expectNoSecret(diagnosis, secrets);
  });

  it('a pasted secret with a newline after it: says so', async () => {
    const { h, hook, secrets } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    const pasted = `${secrets.get(hook.id)}\n`;
    const diagnosis = await h.ok('doctor.diagnose', { request: command, against: { secret: pasted } });
    expect(diagnosis.report.findings[0]?.rule).toBe('secret-whitespace');
    expect(diagnosis.report.verdict.valid).toBe(false);
  });

  it('"Diagnose" on a refused delivery: signed correctly, so the receiver must change; a recent roll is named', async () => {
    const { h, hook, secrets } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.response?.status).toBe(401);
    const diagnosis = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(diagnosis.report.verdict.valid).toBe(true);
    expect(diagnosis.advice[0]).toBe(
      "Hookwarden signed this delivery correctly, yet your receiver answered 401: the problem is on the receiver's side.",
    );
    expect(diagnosis.advice.join(' ')).toMatch(/whole "whsec_…" string as the key/);
    expect(diagnosis.advice.join(' ')).not.toMatch(/changed at/);

    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    const afterRoll = await h.ok('deliveries.send', { webhookId: hook.id });
    const rolled = await h.ok('doctor.diagnoseDelivery', { deliveryId: afterRoll.id });
    expect(rolled.report.matched?.signatureIndex).toBe(1);
    expect(rolled.advice.at(-1)).toMatch(/The signing secret changed at .*may still hold the old one/);
    expectNoSecret(rolled, await profileItems(h));
    expect(secrets.size).toBeGreaterThan(0);
  });

  it('a request the Inbox received: finds the webhook whose secret signed it', async () => {
    const { h, other, names } = await setUp();
    const inbox = await h.ok('inbox.start', { port: await freePort() });
    await h.ok('webhooks.updateUrl', { id: other.id, url: `${inbox.url}/in` });
    await h.ok('deliveries.send', { webhookId: other.id });
    const [request] = await h.ok('inbox.list');
    const diagnosis = await h.ok('doctor.diagnoseInboxRequest', { requestId: request?.id as string });
    expect(diagnosis.report.verdict.summary).toBe(
      `Valid — signed with the current secret of ${names.other.replace(/\(.*\)/, `(${inbox.url}/in)`)}`,
    );
  });

  it('a paste that is neither a request nor a curl command: INVALID_INPUT, with why', async () => {
    const { h, hook } = await setUp();
    const result = await h.invoke('doctor.diagnose', { request: 'hello', against: { webhookId: hook.id } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

const MISSING = '0b6a3c1e-8d2f-4c59-9a57-2f1e3d4c5b6a';
const RAW_BODY_ADVICE =
  'Verify the raw body bytes before any JSON parsing (express.raw, request.get_data(), await request.text()).';

describe('the signature doctor in the app: what it is given', () => {
  it('a pasted curl command: checked at the time given (or now), with the tolerance and scheme given', async () => {
    const clock = manualClock('2026-11-28T12:00:00.000Z');
    const { h, hook, names } = await setUp(clock);
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    const against = { webhookId: hook.id };
    const valid = await h.ok('doctor.diagnose', { request: command, against });
    expect(valid.report.verdict.valid).toBe(true);
    expect(valid.report.detection).toEqual({ how: 'header', header: 'Stripe-Signature' });
    expect(valid.advice).toEqual([]);

    const late = { request: command, against, receivedAt: '2026-11-28T12:20:00.000Z' };
    const tooOld = await h.ok('doctor.diagnose', late);
    expect(tooOld.report.verdict.summary).toBe(
      `Invalid — the timestamp is 20 minutes old (the tolerance is 5 minutes); the signature itself matches the current secret of ${names.hook}`,
    );
    const tolerant = await h.ok('doctor.diagnose', { ...late, toleranceSeconds: 1800 });
    expect(tolerant.report.verdict.valid).toBe(true);
    // A day at most.
    expect((await h.ok('doctor.diagnose', { ...late, toleranceSeconds: 86_400 })).report.verdict.valid).toBe(
      true,
    );
    const tooLong = await h.invoke('doctor.diagnose', { ...late, toleranceSeconds: 86_401 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    clock.advance(20 * 60 * 1000);
    const now = await h.ok('doctor.diagnose', { request: command, against });
    expect(now.report.findings.map((f) => f.rule)).toEqual(['time-too-old']);

    const chosen = await h.ok('doctor.diagnose', { request: command, against, scheme: 'mindee' });
    expect(chosen.report.detection).toEqual({ how: 'chosen' });
    expect(chosen.report.scheme).toBe('mindee');
  });

  it("a webhook whose secret was removed from the keychain behind the app's back: it has no secret to try", async () => {
    const { h, hook, other, names } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    await h.vault.delete(h.account(other.id));
    const diagnosis = await h.ok('doctor.diagnose', { request: command, against: { webhookId: other.id } });
    expect(diagnosis.report.findings.map((f) => f.rule)).toEqual(['signature-no-match']);
    expect(diagnosis.report.findings[0]?.detail).toBe(
      `Neither as given nor after any of the rules tried does the signature match the current secret of ${names.hook}.`,
    );
  });

  it('a pasted secret is named "the secret you pasted"', async () => {
    const { h, hook, secrets } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    const secret = secrets.get(hook.id) as string;
    const diagnosis = await h.ok('doctor.diagnose', { request: command, against: { secret } });
    expect(diagnosis.report.verdict).toEqual({
      valid: true,
      summary: 'Valid — signed with the secret you pasted',
    });
  });

  it("checked against the second webhook: its secrets are named first among those that don't match", async () => {
    const { h, hook, other, names } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    const diagnosis = await h.ok('doctor.diagnose', { request: command, against: { webhookId: other.id } });
    expect(diagnosis.report.findings[0]?.detail).toBe(
      `Neither as given nor after any of the rules tried does the signature match the current secret of ${names.other}, the current secret of ${names.hook}.`,
    );
  });

  it('a webhook, delivery or Inbox request that no longer exists: NOT_FOUND, with why', async () => {
    const { h } = await setUp();
    const request = 'POST /hooks HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}';
    const results = [
      await h.invoke('doctor.diagnose', { request, against: { webhookId: MISSING } }),
      await h.invoke('doctor.diagnoseDelivery', { deliveryId: MISSING }),
      await h.invoke('doctor.diagnoseInboxRequest', { requestId: MISSING }),
    ];
    expect(results).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      {
        ok: false,
        error: expect.objectContaining({
          code: 'NOT_FOUND',
          message: 'This delivery is no longer in the log.',
        }),
      },
      {
        ok: false,
        error: expect.objectContaining({
          code: 'NOT_FOUND',
          message: 'This request is no longer in the Inbox.',
        }),
      },
    ]);
  });
});

describe('"Diagnose" on a refused delivery: the advice', () => {
  const keyAdvice: [SignatureScheme, string][] = [
    [
      'mindee',
      'Compute HMAC-SHA256 over the raw body bytes, keyed with the whole secret, and compare it in hex.',
    ],
    [
      'standard-webhooks',
      'Use the base64 after "whsec_" as the key (the standardwebhooks library does this for you) and sign "id.timestamp.body".',
    ],
    [
      'stripe',
      'Use the whole "whsec_…" string as the key (the stripe library does this for you) and sign "t.body".',
    ],
    [
      'github',
      'Compute HMAC-SHA256 over the raw body bytes, keyed with the whole secret, and compare it with "sha256=…".',
    ],
  ];

  it.each(keyAdvice)('%s: the receiver side, the raw body, and how its key is made', async (scheme, key) => {
    const { h, hook } = await setUp();
    await h.ok('webhooks.setScheme', { id: hook.id, scheme });
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const diagnosis = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(diagnosis.report.verdict.valid).toBe(true);
    expect(diagnosis.advice).toEqual([
      "Hookwarden signed this delivery correctly, yet your receiver answered 401: the problem is on the receiver's side.",
      RAW_BODY_ADVICE,
      key,
    ]);
  });

  it('a delivery no receiver answered: says the receiver did not accept it', async () => {
    const { h, hook } = await setUp();
    await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${await freePort()}/hooks` });
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.response).toBeFalsy();
    const diagnosis = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(diagnosis.advice[0]).toBe(
      "Hookwarden signed this delivery correctly, yet your receiver did not accept it: the problem is on the receiver's side.",
    );
  });

  it('a delivery signed with a secret since regenerated: the diagnosis only, no advice', async () => {
    const { h, hook } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    const diagnosis = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(diagnosis.report.verdict.valid).toBe(false);
    expect(diagnosis.advice).toEqual([]);
  });

  it("a delivery sent before a roll: matched by the webhook's previous secret, named as such", async () => {
    const { h, hook, names } = await setUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    await h.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    const diagnosis = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(diagnosis.report.verdict).toEqual({
      valid: true,
      summary: `Valid — signed with the previous secret of ${names.hook}`,
    });
  });

  it('a secret changed less than a day ago is named; from a day on, it is not', async () => {
    const clock = manualClock('2026-11-28T12:00:00.000Z');
    const { h, hook } = await setUp(clock);
    clock.advance(60 * 60 * 1000);
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const changed =
      'The signing secret changed at 2026-11-28T13:00:00.000Z: your receiver may still hold the old one.';
    expect((await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id })).advice.at(-1)).toBe(changed);
    clock.advance(24 * 60 * 60 * 1000 - 1);
    expect((await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id })).advice.at(-1)).toBe(changed);
    clock.advance(1);
    const dayOld = await h.ok('doctor.diagnoseDelivery', { deliveryId: sent.id });
    expect(dayOld.advice).toHaveLength(3);
    expect(dayOld.advice.join(' ')).not.toContain('changed at');
  });
});

/** Posts to the Inbox as a sender would, a header given as a list going out as one line per value. */
function post(url: string, headers: OutgoingHttpHeaders, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('"Diagnose" on a request the Inbox received', () => {
  async function inboxSetUp() {
    const { h, hook, names } = await setUp();
    const inbox = await h.ok('inbox.start', { port: await freePort() });
    const url = `${inbox.url as string}/in`;
    await h.ok('webhooks.updateUrl', { id: hook.id, url });
    return { h, hook, url, name: names.hook.replace(/\(.*\)/, `(${url})`) };
  }

  it('a header sent on two lines is read as one, the values joined; each request is diagnosed by its id', async () => {
    const { h, hook, url, name } = await inboxSetUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const [stamp, signature] = (sent.request.headers['Stripe-Signature'] as string).split(',') as [
      string,
      string,
    ];
    const split = { 'Content-Type': 'application/json', 'Stripe-Signature': [stamp, signature] };
    expect(await post(url, split, sent.request.body)).toBe(200);
    const [first, second] = await h.ok('inbox.list');
    expect(second?.headers.filter(([header]) => header === 'Stripe-Signature')).toHaveLength(2);

    const joined = await h.ok('doctor.diagnoseInboxRequest', { requestId: second?.id as string });
    expect(joined.report.verdict).toEqual({
      valid: true,
      summary: `Valid — signed with the current secret of ${name}`,
    });
    expect(joined.advice).toEqual([]);
    const original = await h.ok('doctor.diagnoseInboxRequest', { requestId: first?.id as string });
    expect(original.report.verdict.valid).toBe(true);

    const unknown = await h.invoke('doctor.diagnoseInboxRequest', {
      requestId: first?.id as string,
      webhookId: MISSING,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // A header sent once is read as it is (X-Hub-Signature-256 holds a single signature).
    await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'github' });
    await h.ok('deliveries.send', { webhookId: hook.id });
    const github = (await h.ok('inbox.list')).at(-1);
    const once = await h.ok('doctor.diagnoseInboxRequest', { requestId: github?.id as string });
    expect(once.report.verdict).toEqual({
      valid: true,
      summary: `Valid — signed with the current secret of ${name}`,
    });
  });

  it('a body the Inbox cut at 64 KiB: says the verdict is about a cut body', async () => {
    const { h, hook, url } = await inboxSetUp();
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const long = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
    const headers = Object.fromEntries(
      Object.entries(sent.request.headers).filter(([header]) => header.toLowerCase() !== 'content-length'),
    );
    expect(await post(url, headers, long)).toBe(200);
    const cut = (await h.ok('inbox.list')).at(-1);
    expect(cut?.truncated).toBe(true);
    const diagnosis = await h.ok('doctor.diagnoseInboxRequest', {
      requestId: cut?.id as string,
      webhookId: hook.id,
    });
    expect(diagnosis.report.verdict.valid).toBe(false);
    expect(diagnosis.advice).toEqual([
      'The Inbox kept only the first 64 KiB of this body, so the signature cannot match: the verdict is about a cut body.',
    ]);
  });
});

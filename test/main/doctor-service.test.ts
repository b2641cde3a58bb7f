/**
 * The signature doctor where the user meets it, through the real core: a pasted request (the app's own curl
 * command or a raw request), a delivery the receiver refused, a request the Inbox received. The secrets come
 * from the real keychain and never appear in an answer.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/shared/doctor';
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
async function setUp() {
  const receiver = await startReceiver((_request, response: ServerResponse) => response.writeHead(401).end());
  receivers.push(receiver);
  const { h, api, hook } = await startWithWebhook();
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

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeliveryLog } from '../../src/main/deliveries/log';
import type { DeliveryLogData } from '../../src/main/deliveries/ports';
import type { EventPayloads } from '../../src/shared/contract';
import type { Delivery } from '../../src/shared/delivery';
import { movableClock, recordChanges, webhookTo } from '../support/deliveries';
import { clipboardDouble } from '../support/electron-double';
import { onMainEvent, startHarness } from '../support/main-harness';
import { memoryLogStore } from '../support/memory-log-store';
import { header, startReceiver, type Receiver } from '../support/receiver';
import { tempDir } from '../support/temp';
import { verifyDelivery } from '../support/verifiers';

const run = promisify(execFile);

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
/** Headers as a receiver sees them (Node lower-cases names). */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

describe('delivery log', () => {
  it('lists records newest first, emits deliveries.changed, and holds no secret in its file', async () => {
    const r = await receiver();
    const h = await startHarness();
    const { webhook, secret } = await webhookTo(h, r.url, 'stripe');
    const changes = recordChanges();
    const first = await h.ok('deliveries.send', { webhookId: webhook.id });
    const second = await h.ok('deliveries.send', { webhookId: webhook.id });
    changes.stop();

    const log = await h.ok('deliveries.list', { webhookId: webhook.id });
    expect(log.map((record) => record.id)).toEqual([second.id, first.id]);
    expect(changes.ids).toEqual([webhook.id, webhook.id]);
    expect(first.request.headers['Stripe-Signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    h.flushDeliveryLog();
    const file = readFileSync(join(h.dir, 'deliveries.json'), 'utf8');
    expect(file).toContain(first.id);
    expect(file).not.toContain(secret);
    expect(file).not.toContain(secret.slice('whsec_'.length));
  });

  it('keeps the last 200 records per webhook', () => {
    const log = createDeliveryLog(memoryLogStore(), () => undefined);
    const record = (n: number, webhookId: string) => ({ id: `r${n}`, webhookId }) as Delivery;
    for (let n = 0; n < 205; n++) log.add(record(n, 'a'));
    log.add(record(999, 'b'));
    expect(log.list('a')).toHaveLength(200);
    expect(log.list('a')[0]?.id).toBe('r204');
    expect(log.list('a').at(-1)?.id).toBe('r5');
    expect(log.list('b')).toHaveLength(1);
  });

  it('redelivers with the same body and message id, a fresh timestamp and signature, as a new record', async () => {
    const r = await receiver();
    const clock = movableClock();
    const h = await startHarness({ clock });
    const { webhook, secret } = await webhookTo(h, r.url, 'standard-webhooks');
    const original = await h.ok('deliveries.send', { webhookId: webhook.id });
    clock.advance(5_000);
    const again = await h.ok('deliveries.redeliver', { deliveryId: original.id });

    expect(again.id).not.toBe(original.id);
    expect(again.redeliveryOf).toBe(original.id);
    expect(again.messageId).toBe(original.messageId);
    expect(again.request.body).toBe(original.request.body);
    const [first, second] = r.received;
    if (!first || !second) throw new Error('expected two requests');
    expect(second.body).toBe(first.body);
    expect(header(second, 'webhook-id')).toBe(header(first, 'webhook-id'));
    expect(Number(header(second, 'webhook-timestamp')) - Number(header(first, 'webhook-timestamp'))).toBe(5);
    expect(header(second, 'webhook-signature')).not.toBe(header(first, 'webhook-signature'));
    expect(await verifyDelivery('standard-webhooks', secret, second)).toBe(true);
    const log = await h.ok('deliveries.list', { webhookId: webhook.id });
    expect(log.map((record) => record.id)).toEqual([again.id, original.id]);
  });

  it('a 401/403 within 24 h of a regenerate hints that the receiver may still use the old secret', async () => {
    const r = await startReceiver((request, response) => {
      response.writeHead(request.path === '/forbidden' ? 403 : request.path === '/broken' ? 500 : 401).end();
    });
    receivers.push(r);
    const clock = movableClock();
    const h = await startHarness({ clock });
    const { webhook } = await webhookTo(h, `${r.url}/hooks`);
    const HINT =
      ' Your receiver may still use the old signing secret: the secret was regenerated less than 24 hours ago.';
    const messageOf = async () => (await h.ok('deliveries.send', { webhookId: webhook.id })).error?.message;

    // Never regenerated: a 401 is just a 401.
    expect(await messageOf()).toBe('Non-2xx response: the endpoint answered 401 Unauthorized.');
    clock.advance(60_000);
    await h.ok('webhooks.regenerateSecret', { id: webhook.id });
    clock.advance(23 * 3_600_000);
    expect(await messageOf()).toBe(`Non-2xx response: the endpoint answered 401 Unauthorized.${HINT}`);
    await h.ok('webhooks.updateUrl', { id: webhook.id, url: `${r.url}/forbidden` });
    expect(await messageOf()).toBe(`Non-2xx response: the endpoint answered 403 Forbidden.${HINT}`);
    await h.ok('webhooks.updateUrl', { id: webhook.id, url: `${r.url}/broken` });
    expect(await messageOf()).toBe('Non-2xx response: the endpoint answered 500 Internal Server Error.');
    await h.ok('webhooks.updateUrl', { id: webhook.id, url: `${r.url}/hooks` });
    clock.advance(3_600_000);
    expect(await messageOf()).toBe('Non-2xx response: the endpoint answered 401 Unauthorized.');
  });

  it('copies a timestamped delivery as curl signed anew: run 6 minutes later, it still verifies', async () => {
    const r = await receiver();
    let now = Date.now() - 6 * 60_000;
    const h = await startHarness({ clock: { now: () => new Date(now) } });
    for (const scheme of ['standard-webhooks', 'stripe'] as const) {
      now = Date.now() - 6 * 60_000;
      const { webhook, secret } = await webhookTo(h, `${r.url}/late`, scheme);
      const sent = await h.ok('deliveries.send', { webhookId: webhook.id });
      // As recorded, 6 minutes on, the signature is refused for its timestamp.
      expect(
        await verifyDelivery(scheme, secret, { ...sent.request, headers: lowerCased(sent.request.headers) }),
      ).toBe(false);

      now = Date.now();
      const { command, signedAt } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
      expect(signedAt).toBe(new Date(now).toISOString());
      expect(command).not.toContain(secret);
      const before = r.received.length;
      await run('bash', ['-c', command]);
      const viaCurl = r.received[before];
      if (!viaCurl) throw new Error('curl did not reach the receiver');
      expect(await verifyDelivery(scheme, secret, viaCurl), scheme).toBe(true);
      expect(viaCurl.body).toBe(sent.request.body);
      if (scheme === 'standard-webhooks') {
        expect(header(viaCurl, 'webhook-id')).toBe(sent.messageId);
        expect(header(viaCurl, 'webhook-timestamp')).toBe(String(Math.floor(now / 1000)));
      } else {
        expect(header(viaCurl, 'Stripe-Signature')).toMatch(
          new RegExp(`^t=${Math.floor(now / 1000)},v1=[0-9a-f]{64}$`),
        );
      }
    }
  });

  it('sends [ ] { } URLs, backslashes and http:host as one request, in the app and from curl alike', async () => {
    const r = await receiver();
    const h = await startHarness();
    const hostAndPort = new URL(r.url).host;
    for (const [url, path] of [
      [`${r.url}/h[1-3]/{a,b}`, '/h[1-3]/%7Ba,b%7D'],
      [`${r.url}\\in\\back`, '/in/back'],
      [`http:${hostAndPort}/no-slashes`, '/no-slashes'],
    ] as const) {
      const before = r.received.length;
      const { webhook } = await webhookTo(h, url);
      const sent = await h.ok('deliveries.send', { webhookId: webhook.id });
      const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
      await run('bash', ['-c', command]);
      expect(
        r.received.slice(before).map((request) => request.path),
        url,
      ).toEqual([path, path]);
    }
  });

  it('answers NOT_FOUND for a delivery that is not in the log', async () => {
    const h = await startHarness();
    const missing = { deliveryId: '0b6a3c1e-8d2f-4c59-9a57-2f1e3d4c5b6a' };
    for (const channel of ['deliveries.redeliver', 'deliveries.copyAsCurl'] as const) {
      const result = await h.invoke(channel, missing);
      expect(result.ok ? null : result.error).toEqual({
        code: 'NOT_FOUND',
        message: 'This delivery is no longer in the log.',
      });
    }
  });

  it('copies as curl a command that reproduces the signed request exactly, for every scheme', async () => {
    const r = await receiver();
    // A clock that stands still: re-signing at copy time gives the same timestamp and signature.
    const frozen = new Date();
    const h = await startHarness({ clock: { now: () => frozen } });
    // Everything a shell could misread: quotes, $, backticks, backslashes, !, newlines, non-ASCII.
    const tricky = `{\n  "note": "it's $HOME \`id\` \\\\ \\" !! ünïcødé €",\n  "n": 1\n}`;
    for (const scheme of ['mindee', 'standard-webhooks', 'stripe', 'github'] as const) {
      const { api, webhook, secret } = await webhookTo(h, `${r.url}/hooks?from=curl&x=1`, scheme);
      await h.ok('templates.save', { apiId: api.id, version: 'v1', json: tricky });
      const sent = await h.ok('deliveries.send', { webhookId: webhook.id });
      const { command, signedAt } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });

      expect(signedAt).toBe(
        scheme === 'stripe' || scheme === 'standard-webhooks' ? frozen.toISOString() : null,
      );
      expect(clipboardDouble.text).toBe(command);
      expect(command).not.toContain(secret);
      const before = r.received.length;
      await run('sh', ['-c', command]);
      const viaCurl = r.received[before];
      const original = r.received[before - 1];
      if (!viaCurl || !original) throw new Error('curl did not reach the receiver');
      expect(viaCurl.body).toBe(tricky);
      expect(viaCurl.body).toBe(original.body);
      expect(viaCurl.path).toBe('/hooks?from=curl&x=1');
      for (const [name, value] of Object.entries(sent.request.headers)) {
        expect(header(viaCurl, name), name).toBe(value);
      }
      // Only the hop-by-hop Connection: keep-alive of Node's agent may differ.
      const names = (request: typeof viaCurl) =>
        Object.keys(request.headers).filter((n) => n !== 'connection');
      expect(names(viaCurl).sort()).toEqual(names(original).sort());
      expect(await verifyDelivery(scheme, secret, viaCurl), scheme).toBe(true);
    }
  });

  it('removes a webhook’s log when the webhook is deleted, and logs of all webhooks of a deleted API', async () => {
    const r = await receiver();
    const h = await startHarness();
    const kept = await webhookTo(h, r.url);
    const doomed = await webhookTo(h, r.url);
    const sibling = await h.ok('webhooks.create', { apiId: doomed.api.id, version: 'v1', url: r.url });
    for (const id of [kept.webhook.id, doomed.webhook.id, sibling.id]) {
      await h.ok('deliveries.send', { webhookId: id });
    }
    const changes = recordChanges();
    await h.ok('webhooks.delete', { id: doomed.webhook.id });
    expect(changes.ids).toEqual([doomed.webhook.id]);
    const gone = await h.invoke('deliveries.list', { webhookId: doomed.webhook.id });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');

    await h.ok('apis.delete', { id: doomed.api.id, cascade: true });
    changes.stop();
    expect(changes.ids).toEqual([doomed.webhook.id, sibling.id]);
    h.flushDeliveryLog();
    const file = JSON.parse(readFileSync(join(h.dir, 'deliveries.json'), 'utf8')) as DeliveryLogData;
    expect(Object.keys(file.byWebhook)).toEqual([kept.webhook.id]);
    expect(await h.ok('deliveries.list', { webhookId: kept.webhook.id })).toHaveLength(1);
  });

  it('a log that cannot drop a deleted webhook’s records does not undo the deletion; the console says why', async () => {
    const r = await receiver();
    const h = await startHarness({
      wrapDeliveryLog: (store) => ({
        ...store,
        apply(change) {
          if (change.op === 'remove') throw new Error('ENOSPC: no space left on device');
          store.apply(change);
        },
      }),
    });
    const { api, webhook } = await webhookTo(h, r.url);
    await h.ok('deliveries.send', { webhookId: webhook.id });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await h.ok('webhooks.delete', { id: webhook.id });
      expect(warn).toHaveBeenCalledWith(
        '[hookwarden] could not remove delivery logs:',
        'ENOSPC: no space left on device',
      );
    } finally {
      warn.mockRestore();
    }
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([]);
    expect(await h.vault.get(h.account(webhook.id))).toBeNull();
  });

  it('keeps the logs of a moved-aside config through later starts, so putting the file back restores them', async () => {
    const r = await receiver();
    const dir = tempDir();
    const h = await startHarness({ dir });
    const { webhook } = await webhookTo(h, r.url);
    await h.ok('deliveries.send', { webhookId: webhook.id });
    const config = join(dir, 'config.json');
    const saved = readFileSync(config, 'utf8');
    writeFileSync(config, `${saved}x`); // one stray byte: the next start moves the file aside

    for (let start = 0; start < 3; start++) (await startHarness({ dir, vault: h.vault })).flushDeliveryLog();
    const logFile = JSON.parse(readFileSync(join(dir, 'deliveries.json'), 'utf8')) as DeliveryLogData;
    expect(logFile.byWebhook[webhook.id]).toHaveLength(1);

    writeFileSync(config, saved);
    const restored = await startHarness({ dir, vault: h.vault });
    expect(await restored.ok('deliveries.list', { webhookId: webhook.id })).toHaveLength(1);
  });

  it('moves a corrupt log file aside, keeps it, starts an empty log and says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deliveries.json'), '{"schemaVersion":1,"byWebhook":{"x":[{"id":');
    const h = await startHarness({ dir });
    const notices = await h.ok('app.notices');
    expect(notices.map((n) => n.kind)).toContain('delivery-log-moved-aside');
    const aside = readdirSync(dir).filter((name) => name.startsWith('deliveries.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toContain('"byWebhook"');
    const r = await receiver();
    const { webhook } = await webhookTo(h, r.url);
    await h.ok('deliveries.send', { webhookId: webhook.id });
    h.flushDeliveryLog();
    expect(existsSync(join(dir, 'deliveries.json'))).toBe(true);
  });

  it('opened at its first use, as the app opens it: a corrupt log file is moved aside then, and said so then', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deliveries.json'), '{"schemaVersion":1,"byWebhook":{"x":[{"id":');
    const h = await startHarness({ dir, deliveryLogAtFirstUse: true });
    const kinds = async () => (await h.ok('app.notices')).map((notice) => notice.kind);
    expect(await kinds()).not.toContain('delivery-log-moved-aside');
    expect(readdirSync(dir).filter((name) => name.startsWith('deliveries.corrupt-'))).toEqual([]);

    const said: string[][] = [];
    const stop = onMainEvent((event, payload) => {
      if (event !== 'app.noticesChanged') return;
      said.push((payload as EventPayloads['app.noticesChanged']).notices.map((notice) => notice.kind));
    });
    const r = await receiver();
    const { webhook } = await webhookTo(h, r.url);
    expect(await h.ok('deliveries.list', { webhookId: webhook.id })).toEqual([]);
    stop();
    expect(said).toEqual([['delivery-log-moved-aside']]);
    expect(await kinds()).toEqual(['delivery-log-moved-aside']);
    expect(readdirSync(dir).filter((name) => name.startsWith('deliveries.corrupt-'))).toHaveLength(1);
  });

  it('answers SECRET_MISSING, with no record, when the keychain lost the secret', async () => {
    const r = await receiver();
    const h = await startHarness();
    const { webhook } = await webhookTo(h, r.url);
    await h.vault.delete(h.account(webhook.id));
    const result = await h.invoke('deliveries.send', { webhookId: webhook.id });
    expect(result.ok ? null : result.error.code).toBe('SECRET_MISSING');
    expect(await h.ok('deliveries.list', { webhookId: webhook.id })).toEqual([]);
    expect(r.received).toHaveLength(0);
  });

  it('a record says what it was sent for, with which secrets, as which retry attempt', async () => {
    const r = await receiver();
    const h = await startHarness();
    const { webhook } = await webhookTo(h, r.url);
    const { deliveries } = h.services;
    const userAgent = (await h.ok('deliveries.send', { webhookId: webhook.id })).request.headers[
      'User-Agent'
    ];
    const plain = await h.ok('deliveries.send', { webhookId: webhook.id });
    expect(plain.signedWith).toEqual(['current']);
    expect(plain).not.toHaveProperty('purpose');
    expect(plain).not.toHaveProperty('retry');

    expect((await deliveries.sendForEndpointCheck(webhook.id)).purpose).toBe('endpoint-check');
    const rotationTest = await deliveries.sendSignedWith(webhook.id, 'current');
    expect(rotationTest).toMatchObject({ purpose: 'rotation-test', signedWith: ['current'] });

    // Forged deliveries: those signed with no secret of the webhook name none; the User-Agent says why.
    const unsigned = await deliveries.sendForSecurityCheck(webhook.id, { kind: 'unsigned' });
    const wrongSecret = await deliveries.sendForSecurityCheck(webhook.id, { kind: 'wrong-secret' });
    expect(unsigned).not.toHaveProperty('signedWith');
    expect(wrongSecret).not.toHaveProperty('signedWith');
    expect(unsigned.purpose).toBe('security-check');
    expect(unsigned.request.headers['User-Agent']).toBe(`${userAgent} (security check)`);
    expect(r.received.at(-1)?.headers['user-agent']).toBe(`${userAgent} (security check)`);
    const tampered = await deliveries.sendForSecurityCheck(
      webhook.id,
      { kind: 'tampered-body' },
      'msg_repeated',
    );
    expect(tampered).toMatchObject({ signedWith: ['current'], messageId: 'msg_repeated' });
    // The record holds the body as sent (changed after signing), not the template's.
    expect(tampered.request.body).toBe(r.received.at(-1)?.body);
    // (the template's first letter moved on by one: {"document":… became {"eocument":…)
    expect(tampered.request.body).toMatch(/^\{"eocument":/);

    const retry = { runId: 'run_1', attempt: 1, of: 3, offsetSeconds: 0 };
    const first = await deliveries.sendRetryAttempt(webhook.id, retry);
    expect(first.retry).toEqual(retry);
    expect(first.request.body).toBe(r.received.at(-1)?.body);
    expect(JSON.parse(first.request.body)).toHaveProperty('document');
    const again = { ...retry, attempt: 2, offsetSeconds: 5 };
    const second = await deliveries.sendRetryAttempt(webhook.id, again, {
      body: first.request.body,
      messageId: first.messageId,
    });
    expect(second).toMatchObject({
      retry: again,
      messageId: first.messageId,
      request: { body: first.request.body },
    });
    expect(second.id).not.toBe(first.id);

    const own = await deliveries.sendBody(webhook.id, '{"custom":true}');
    expect(own.request.body).toBe('{"custom":true}');
    expect(r.received.at(-1)?.body).toBe('{"custom":true}');
    expect(own).toMatchObject({ redeliveryOf: null, signedWith: ['current'] });
  });
});

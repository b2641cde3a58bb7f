/**
 * Deliveries that wait behind the MAX_IN_FLIGHT limit: they are addressed and signed when their slot starts,
 * with the webhook as it is then. The slots are held by a real receiver that answers only when released.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../../src/shared/delivery';
import { recordChanges, webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { header, startReceiver, type Receiver } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

/** A receiver that holds every response until release(); after that it answers at once. */
async function holdingReceiver() {
  const held: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let releasing = false;
  const answer = (response: ServerResponse) => response.writeHead(200).end('ok');
  const receiver = await startReceiver((_request, response) => {
    if (releasing) return answer(response);
    held.push(response);
    for (const waiter of waiters) if (held.length >= waiter.count) waiter.resolve();
  });
  receivers.push(receiver);
  return {
    receiver,
    /** Resolves once `count` requests are held. */
    holding: (count: number) =>
      new Promise<void>((resolve) => {
        if (held.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    release() {
      releasing = true;
      held.splice(0).forEach(answer);
    },
  };
}

/** A webhook to a holding receiver, with every slot taken by a send that waits for release(). */
async function slotsFull() {
  const slow = await holdingReceiver();
  const h = await startHarness();
  const { webhook, secret } = await webhookTo(h, `${slow.receiver.url}/old`, 'mindee');
  const inFlight = Array.from({ length: MAX_IN_FLIGHT }, () =>
    h.ok('deliveries.send', { webhookId: webhook.id }),
  );
  await slow.holding(MAX_IN_FLIGHT);
  return { h, slow, webhook, secret, inFlight };
}

describe('queued deliveries', () => {
  it('go to the URL and scheme the webhook has when their slot starts', async () => {
    const { h, slow, webhook, secret, inFlight } = await slotsFull();
    const queued = h.ok('deliveries.send', { webhookId: webhook.id });
    const fresh = await startReceiver();
    receivers.push(fresh);
    await h.ok('webhooks.updateUrl', { id: webhook.id, url: `${fresh.url}/new` });
    await h.ok('webhooks.setScheme', { id: webhook.id, scheme: 'github' });

    slow.release();
    await Promise.all(inFlight);
    const record = await queued;

    expect(slow.receiver.received).toHaveLength(MAX_IN_FLIGHT);
    expect(fresh.received).toHaveLength(1);
    const [arrived] = fresh.received;
    if (!arrived) throw new Error('the queued delivery did not arrive');
    expect(arrived.path).toBe('/new');
    expect(header(arrived, 'X-Hub-Signature-256')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verifyDelivery('github', secret, arrived)).toBe(true);
    expect(record).toMatchObject({
      scheme: 'github',
      messageId: header(arrived, 'X-GitHub-Delivery'),
      request: { url: `${fresh.url}/new` },
      outcome: 'success',
    });
  });

  it('fail with NOT_FOUND and send nothing when the webhook was deleted meanwhile', async () => {
    const { h, slow, webhook, inFlight } = await slotsFull();
    const queued = h.invoke('deliveries.send', { webhookId: webhook.id });
    await h.ok('webhooks.delete', { id: webhook.id });

    slow.release();
    await Promise.all(inFlight);
    const result = await queued;

    expect(result.ok ? null : result.error).toEqual({
      code: 'NOT_FOUND',
      message: 'This webhook no longer exists.',
    });
    expect(slow.receiver.received).toHaveLength(MAX_IN_FLIGHT);
  });

  it('one in flight when its webhook is deleted reports its outcome, but leaves no log behind', async () => {
    const { h, slow, webhook, inFlight } = await slotsFull();
    const changes = recordChanges();
    await h.ok('webhooks.delete', { id: webhook.id });
    const eventsAtDelete = changes.ids.length;

    slow.release();
    const records = await Promise.all(inFlight);
    changes.stop();

    expect(records.map((record) => record.outcome)).toEqual(records.map(() => 'success'));
    for (const record of records) {
      expect(await h.invoke('deliveries.copyAsCurl', { deliveryId: record.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    // Nothing was logged for it after the delete: no event, and not a line in any file of the data dir.
    expect(changes.ids.slice(eventsAtDelete)).toEqual([]);
    h.flushDeliveryLog();
    for (const name of readdirSync(h.dir)) {
      const text = readFileSync(join(h.dir, name), 'utf8');
      for (const record of records) expect(text, name).not.toContain(record.id);
    }
  });

  it('one in flight when its webhook is deleted leaves no log behind, though other webhooks remain', async () => {
    const { h, slow, webhook, inFlight } = await slotsFull();
    const other = await webhookTo(h, `${slow.receiver.url}/other`);
    await h.ok('webhooks.delete', { id: webhook.id });
    slow.release();
    const records = await Promise.all(inFlight);
    expect(records.map((record) => record.outcome)).toEqual(records.map(() => 'success'));
    for (const record of records) {
      expect(await h.invoke('deliveries.copyAsCurl', { deliveryId: record.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    // Nor in the log of the webhook that is still there.
    expect(await h.ok('deliveries.list', { webhookId: other.webhook.id })).toEqual([]);
  });
});

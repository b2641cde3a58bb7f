/**
 * "Send with retries" against a receiver on 127.0.0.1, with the delays on a Schedule the test drives: the
 * offsets follow each schedule exactly (compressed by the time scale), every attempt repeats the message id
 * and body with a fresh signature the official library verifies, and a run stops on 2xx, 410 and Stop, and
 * waits as long as a Retry-After asks.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULES, type RetryRun } from '../../src/shared/retries';
import { manualSchedule } from '../support/clock';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';
import { onMainEvent } from '../support/main-harness';
import { header, startReceiver, type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const receivers: Receiver[] = [];
const unsubscribes: (() => void)[] = [];
afterEach(async () => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

/** A Standard Webhooks webhook whose receiver answers `statuses` in turn (the last one from then on). */
async function setUp(statuses: (number | [number, Record<string, string>])[]) {
  let count = 0;
  const receiver = await startReceiver((_request: Received, response: ServerResponse) => {
    const answer = statuses[Math.min(count++, statuses.length - 1)] as
      number | [number, Record<string, string>];
    const [status, headers] = typeof answer === 'number' ? [answer, {}] : answer;
    response.writeHead(status, headers).end();
  });
  receivers.push(receiver);
  const timers = manualSchedule();
  const { h, hook } = await startWithWebhook({ schedule: timers.schedule });
  await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/hooks` });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'standard-webhooks' });
  const secret = (await profileItems(h)).get(hook.id) as string;
  const changes: RetryRun[] = [];
  let waiting: ((run: RetryRun) => void) | null = null;
  unsubscribes.push(
    onMainEvent((event, payload) => {
      if (event !== 'retries.changed') return;
      changes.push(payload as RetryRun);
      waiting?.(payload as RetryRun);
    }),
  );
  /** The next change the run reports (an attempt made, or the end). */
  const nextChange = () => new Promise<RetryRun>((resolve) => (waiting = resolve));
  return { h, hook, receiver, timers, secret, changes, nextChange };
}

const HOUR_SCALE = 1 / 3600;

describe('Send with retries', () => {
  it('Svix at 1 s per hour: 8 attempts at the schedule offsets, same message id, each signature valid', async () => {
    const { h, hook, receiver, timers, secret, nextChange } = await setUp([500]);
    const svix = RETRY_SCHEDULES.svix.delays;
    let change = nextChange();
    const run = await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    expect(run.offsetsSeconds).toEqual([0, 5, 305, 2105, 9305, 27305, 63305, 99305]);

    const waits: number[] = [];
    for (let attempt = 2; attempt <= svix.length; attempt++) {
      await change;
      waits.push(...timers.pending());
      change = nextChange();
      await timers.advance(timers.pending()[0] ?? 0);
    }
    const ended = await change;
    expect(waits).toEqual(svix.slice(1).map((delay) => Math.round(delay * HOUR_SCALE * 1000)));
    expect(ended).toMatchObject({ state: 'exhausted' });
    expect(ended.deliveryIds).toHaveLength(8);

    expect(receiver.received).toHaveLength(8);
    const ids = new Set(receiver.received.map((request) => header(request, 'webhook-id')));
    expect(ids.size).toBe(1);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    for (const request of receiver.received)
      expect(await verifyDelivery('standard-webhooks', secret, request)).toBe(true);

    const records = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(records.map((record) => record.retry?.attempt).reverse()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(records.map((record) => record.retry?.offsetSeconds).reverse()).toEqual(run.offsetsSeconds);
    expect(new Set(records.map((record) => record.retry?.of))).toEqual(new Set([8]));
  });

  it.each([
    ['a 2xx', [500, 500, 200], 'succeeded', 3],
    ['a 410', [503, 410], 'gone', 2],
  ] as const)('stops at %s', async (_what, statuses, state, attempts) => {
    const { h, hook, receiver, timers, nextChange } = await setUp([...statuses]);
    let change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'standard-webhooks', timeScale: 'day' });
    let run = await change;
    while (run.state === 'running') {
      change = nextChange();
      await timers.advance(timers.pending()[0] ?? 0);
      run = await change;
    }
    expect(run.state).toBe(state);
    expect(receiver.received).toHaveLength(attempts);
    expect(timers.pending()).toEqual([]);
  });

  it('"Stop" ends it at once: nothing more is sent', async () => {
    const { h, hook, receiver, timers, nextChange } = await setUp([500]);
    const change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    await change;
    expect(await h.ok('retries.stop', { webhookId: hook.id })).toMatchObject({ state: 'stopped' });
    await timers.advance(10 ** 9);
    expect(receiver.received).toHaveLength(1);
    expect(await h.ok('retries.get', { webhookId: hook.id })).toMatchObject({ state: 'stopped' });
  });

  it('a Retry-After longer than the next delay replaces it', async () => {
    const { h, hook, timers, nextChange } = await setUp([[503, { 'Retry-After': '3600' }], 200]);
    const change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    await change;
    // Svix would wait 5 s; the receiver asked for an hour: one second at 1 s per hour.
    expect(timers.pending()).toEqual([1000]);
  });

  it('one run per webhook; GitHub sends once and says why; a custom schedule (for Stripe) runs its delays', async () => {
    const { h, hook, timers, nextChange } = await setUp([500]);
    let change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: { delays: [60, 120] }, timeScale: 'minute' });
    expect(await h.invoke('retries.start', { webhookId: hook.id, schedule: 'svix' })).toMatchObject({
      ok: false,
      error: { code: 'RUN_IN_PROGRESS' },
    });
    await change;
    expect(timers.pending()).toEqual([1000]);
    change = nextChange();
    await timers.advance(1000);
    await change;
    expect(timers.pending()).toEqual([2000]);
    change = nextChange();
    await timers.advance(2000);
    expect(await change).toMatchObject({ state: 'exhausted', scheduleLabel: 'Custom' });

    change = nextChange();
    const github = await h.ok('retries.start', { webhookId: hook.id, schedule: 'github' });
    expect(github.note).toMatch(/does not retry/);
    expect(github.offsetsSeconds).toEqual([0]);
    expect(await change).toMatchObject({ state: 'exhausted' });
  });
});

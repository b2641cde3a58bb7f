/**
 * "Send with retries" against a receiver on 127.0.0.1, with the delays on a Schedule the test drives: the
 * offsets follow each schedule exactly (compressed by the time scale), every attempt repeats the message id
 * and body with a fresh signature the official library verifies, and a run stops on 2xx, 410 and Stop, and
 * waits as long as a Retry-After asks.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/main/ports';
import { RETRY_SCHEDULES, type RetryRun } from '../../src/shared/retries';
import { manualClock, manualSchedule } from '../support/clock';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';
import { onMainEvent } from '../support/main-harness';
import { closedPort, header, startReceiver, type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const receivers: Receiver[] = [];
const unsubscribes: (() => void)[] = [];
afterEach(async () => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

/**
 * A Standard Webhooks webhook whose receiver answers `statuses` in turn (the last one from then on); `url`
 * points it elsewhere (the receiver gets nothing then).
 */
async function setUp(
  statuses: (number | [number, Record<string, string>])[],
  { clock, url }: { clock?: Clock; url?: string } = {},
) {
  let count = 0;
  const receiver = await startReceiver((_request: Received, response: ServerResponse) => {
    const answer = statuses[Math.min(count++, statuses.length - 1)] as
      number | [number, Record<string, string>];
    const [status, headers] = typeof answer === 'number' ? [answer, {}] : answer;
    response.writeHead(status, headers).end();
  });
  receivers.push(receiver);
  const timers = manualSchedule();
  const { h, hook } = await startWithWebhook({ schedule: timers.schedule, clock });
  await h.ok('webhooks.updateUrl', { id: hook.id, url: url ?? `${receiver.url}/hooks` });
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
    const custom = await h.ok('retries.start', {
      webhookId: hook.id,
      schedule: { delays: [60, 120] },
      timeScale: 'minute',
    });
    expect(custom.note).toBe('Stripe retries for up to 3 days; its intervals are not published.');
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
  it.each([
    ['an HTTP date an hour after the attempt: an hour', 'Sun, 01 Mar 2026 10:00:00 GMT', [1000]],
    ['a date with a numeric zone: read as a date', 'Sun, 01 Mar 2026 10:00:00 +0000', [1000]],
    ['a date already past: the schedule’s 5 s', 'Sun, 01 Mar 2026 08:00:00 GMT', [1]],
    ['neither seconds nor a date: the schedule’s 5 s', '3600 seconds', [1]],
  ])('Retry-After as %s', async (_what, retryAfter, pending) => {
    // The attempt goes out at 09:00:00 on the test's clock; Svix's next delay is 5 s (1 ms at 1 s per hour).
    const clock = manualClock('2026-03-01T09:00:00.000Z');
    const { h, hook, timers, nextChange } = await setUp([[503, { 'Retry-After': retryAfter }], 200], {
      clock,
    });
    const change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    expect(await change).toMatchObject({ state: 'running' });
    expect(timers.pending()).toEqual(pending);
  });

  it('Shopify: 8 retries over 4 hours, each delay twice the one before', async () => {
    const { h, hook, nextChange } = await setUp([500]);
    const change = nextChange();
    const run = await h.ok('retries.start', { webhookId: hook.id, schedule: 'shopify', timeScale: 'hour' });
    // Delays d, 2d, …, 128d add up to 255d = 4 h = 14400 s, so d = 14400 / 255 = 56.47 s; each one rounded:
    // 56, 113, 226, 452, 904, 1807, 3614, 7228 (7228.24). The last attempt comes exactly 4 hours after the first.
    expect(run.offsetsSeconds).toEqual([0, 56, 169, 395, 847, 1751, 3558, 7172, 14400]);
    expect(run).toMatchObject({ scheduleLabel: 'Shopify', note: '8 retries over 4 hours, exponential.' });
    await change;
    await h.ok('retries.stop', { webhookId: hook.id });
  });

  it('a 300 is not a success: the run goes on to the next attempt', async () => {
    const { h, hook, receiver, timers, nextChange } = await setUp([300, 200]);
    let change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    expect(await change).toMatchObject({ state: 'running' });
    change = nextChange();
    await timers.advance(timers.pending()[0] ?? 0);
    expect(await change).toMatchObject({ state: 'succeeded' });
    expect(receiver.received).toHaveLength(2);
  });

  it('an attempt that gets no answer is a failed attempt: the run waits for the next one', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hooks`;
    const { h, hook, timers, nextChange } = await setUp([200], { url });
    const change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    const run = await change;
    expect(run).toMatchObject({ state: 'running' });
    expect(timers.pending()).toEqual([1]);
    const [record] = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(record).toMatchObject({ id: run.deliveryIds[0], response: null, outcome: 'failure' });
  });

  it('an attempt that cannot be made (the secret left the keychain) ends the run as stopped, with a warning', async () => {
    const { h, hook, timers, nextChange } = await setUp([500]);
    let change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix', timeScale: 'hour' });
    await change;
    await h.vault.delete(h.account(hook.id));
    const refused = await h.invoke('deliveries.send', { webhookId: hook.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SECRET_MISSING' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      change = nextChange();
      await timers.advance(timers.pending()[0] ?? 0);
      const ended = await change;
      expect(ended).toMatchObject({ state: 'stopped' });
      expect(ended.deliveryIds).toHaveLength(1);
      expect(warn).toHaveBeenCalledWith(
        '[hookwarden] a retry run ended:',
        refused.ok ? null : refused.error.message,
      );
    } finally {
      warn.mockRestore();
    }
    expect(await h.ok('retries.get', { webhookId: hook.id })).toMatchObject({ state: 'stopped' });
    expect(timers.pending()).toEqual([]);
  });

  it('start, stop and get answer copies of the run: no attempt yet, then the attempts made', async () => {
    const { h, hook, receiver, timers, nextChange } = await setUp([500]);
    expect(await h.ok('retries.get', { webhookId: hook.id })).toBeNull();
    expect(await h.ok('retries.stop', { webhookId: hook.id })).toBeNull();

    let change = nextChange();
    const started = await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix' });
    expect(started).toMatchObject({ state: 'running', scheduleLabel: 'Svix', note: null, deliveryIds: [] });
    expect(started.factor).toBe(1 / 3600); // the time scale left out: 1 s per hour
    const first = await change;
    expect(timers.pending()).toEqual([1]); // Svix's 5 s at 1 s per hour
    const [record] = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(first.deliveryIds).toEqual([record?.id]);
    expect(await h.ok('retries.get', { webhookId: hook.id })).toEqual(first);

    const stopped = await h.ok('retries.stop', { webhookId: hook.id });
    expect(stopped).toEqual({ ...first, state: 'stopped' });
    // The wait it ended sends nothing: a delivery sent after the Stop is the only other request.
    const after = await h.ok('deliveries.send', { webhookId: hook.id });
    expect(receiver.received).toHaveLength(2);
    expect((await h.ok('deliveries.list', { webhookId: hook.id })).map((r) => r.id)).toEqual([
      after.id,
      record?.id,
    ]);
    expect(await h.ok('retries.get', { webhookId: hook.id })).toEqual(stopped);
    await timers.advance(10 ** 9);
    expect(receiver.received).toHaveLength(2);

    // A run that has ended stays as it ended when stopped.
    change = nextChange();
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'github' });
    const ended = await change;
    expect(ended).toMatchObject({ state: 'exhausted' });
    expect(await h.ok('retries.stop', { webhookId: hook.id })).toEqual(ended);
  });

  it('refuses a second run while one is running, saying what to do', async () => {
    const { h, hook } = await setUp([500]);
    await h.ok('retries.start', { webhookId: hook.id, schedule: 'svix' });
    expect(await h.invoke('retries.start', { webhookId: hook.id, schedule: 'github' })).toEqual({
      ok: false,
      error: {
        code: 'RUN_IN_PROGRESS',
        message: 'Retries are already running for this webhook: stop them first.',
      },
    });
  });

  it('a custom schedule: whole seconds from 1 s to 3 days, at most 20 attempts', async () => {
    const { h, hook } = await setUp([500]);
    const start = (delays: number[]) =>
      h.invoke('retries.start', { webhookId: hook.id, schedule: { delays }, timeScale: 'day' });
    for (const [delays, message] of [
      [[0], 'schedule.delays.0: A delay is at least 1 s.'],
      [[60, 3 * 86_400 + 1], 'schedule.delays.1: A delay is at most 3 days.'],
      // zod fails the union as a whole here; the message is the custom schedule's own, as the renderer says it.
      [Array.from({ length: 20 }, () => 1), 'schedule.delays: A custom schedule has at most 20 attempts.'],
      [[1.5], 'schedule.delays.0: Delays are whole seconds.'],
    ] as const) {
      expect(await start([...delays])).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input: ${message}` },
      });
    }
    const longest = await h.ok('retries.start', {
      webhookId: hook.id,
      schedule: { delays: [...Array.from({ length: 18 }, () => 1), 3 * 86_400] },
      timeScale: 'day',
    });
    expect(longest.offsetsSeconds).toHaveLength(20);
    expect(longest.offsetsSeconds.at(-1)).toBe(18 + 3 * 86_400);
  });
});

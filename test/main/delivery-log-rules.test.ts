/**
 * Changes that change nothing leave nothing behind: removing the logs of webhooks that have none writes no
 * journal line and announces nothing, and flushing with nothing unsaved does not rewrite the log file. And the
 * log file's records, checked field by field when read, come back as they were written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeliveryLog } from '../../src/main/deliveries/log';
import { openDeliveryLogStore } from '../../src/main/deliveries/log-store';
import { createWriteSchedule } from '../../src/main/deliveries/write-schedule';
import type { Delivery } from '../../src/shared/delivery';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

const NEVER = 2 ** 31 - 1;

describe('changes that change nothing', () => {
  it('removing the logs of webhooks without any writes no journal line and emits no event', () => {
    const dir = tempDir();
    const { store } = openDeliveryLogStore(dir, manualClock(), { afterPauseMs: NEVER, atLatestMs: NEVER });
    const events: unknown[] = [];
    const log = createDeliveryLog(store, (event, payload) => void events.push([event, payload]));
    log.remove(['0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a']);
    const journal = join(dir, 'deliveries.journal.jsonl');
    expect(existsSync(journal) ? readFileSync(journal, 'utf8') : '').toBe('');
    expect(events).toEqual([]);
  });

  it('flushing with nothing unsaved writes nothing; after a change it writes once', () => {
    let writes = 0;
    const schedule = createWriteSchedule(() => (writes += 1), manualClock(), {
      afterPauseMs: NEVER,
      atLatestMs: NEVER,
    });
    schedule.flush();
    expect(writes).toBe(0);
    schedule.changed();
    schedule.flush();
    schedule.flush();
    expect(writes).toBe(1);
  });

  it('a log file with a key it does not know is moved aside, and the notice names the whole file "log"', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'deliveries.json'),
      JSON.stringify({ schemaVersion: 2, journalSeq: 0, byWebhook: {}, extra: 1 }),
    );
    const { notices } = openDeliveryLogStore(dir, manualClock(), { afterPauseMs: NEVER, atLatestMs: NEVER });
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'delivery-log-moved-aside',
        message: expect.stringMatching(
          /^The delivery log could not be read \(log: Unrecognized key: "extra"\)\./,
        ),
      }),
    ]);
  });
});

describe('the records of the log file', () => {
  it('a success and a failed attempt of a retry run are read back whole, with no notice', () => {
    const dir = tempDir();
    const webhookId = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    const request = {
      method: 'POST',
      url: 'https://example.com/hooks',
      headers: { 'content-type': 'application/json', authorization: '••••' },
      body: '{"invoice":42}',
    } as const;
    const success: Delivery = {
      id: '00000000-0000-4000-8000-000000000002',
      webhookId,
      sentAt: '2024-05-06T07:08:39.010Z',
      scheme: 'standard-webhooks',
      messageId: 'msg_2',
      redeliveryOf: '00000000-0000-4000-8000-000000000001',
      request,
      response: {
        status: 201,
        statusText: 'Created',
        headers: { 'x-id': '7' },
        body: '{}',
        truncated: false,
      },
      error: null,
      durationMs: 12.5,
      firstByteMs: 9,
      outcome: 'success',
      signedWith: ['current', 'previous'],
    };
    const failure: Delivery = {
      id: '00000000-0000-4000-8000-000000000001',
      webhookId,
      sentAt: '2024-05-06T07:08:09.010Z',
      scheme: 'standard-webhooks',
      messageId: 'msg_2',
      redeliveryOf: null,
      request,
      response: null,
      error: { kind: 'timeout', message: 'Timeout: no response within 10 s.' },
      durationMs: 10_000,
      outcome: 'failure',
      retry: { runId: '7c1e5a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', attempt: 2, of: 8, offsetSeconds: 5 },
    };
    const byWebhook = { [webhookId]: [success, failure] };
    writeFileSync(
      join(dir, 'deliveries.json'),
      JSON.stringify({ schemaVersion: 2, journalSeq: 0, byWebhook }),
    );
    const { store, notices } = openDeliveryLogStore(dir, manualClock(), {
      afterPauseMs: NEVER,
      atLatestMs: NEVER,
    });
    expect(notices).toEqual([]);
    expect(store.read()).toEqual({ byWebhook });
  });
});

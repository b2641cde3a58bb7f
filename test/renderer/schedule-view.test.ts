/**
 * "Send with retries" as it reads (features/retries/schedule-view.ts): offsets in two units, the compressed
 * time, the custom delays the user types, and a run's state in words.
 */
import { describe, expect, it } from 'vitest';
import {
  attemptText,
  compressedText,
  durationText,
  offsetsOf,
  offsetText,
  parseDelays,
  runStateText,
  scheduleOffsets,
} from '../../src/renderer/src/features/retries/schedule-view';
import type { RetryRun } from '../../src/shared/retries';

describe('schedule view', () => {
  it('says durations in their two largest units', () => {
    expect(durationText(0)).toBe('0 s');
    expect(durationText(5)).toBe('5 s');
    expect(durationText(305)).toBe('5 min 5 s');
    expect(durationText(3600)).toBe('1 h');
    expect(durationText(2 * 3600 + 35 * 60 + 5)).toBe('2 h 35 min');
    expect(durationText(86_400 + 3 * 3600 + 35 * 60)).toBe('1 d 3 h');
    expect(durationText(86_400 + 59)).toBe('1 d');
    expect(offsetText(0)).toBe('immediately');
    expect(offsetText(300)).toBe('+5 min');
    expect(attemptText({ runId: 'r', attempt: 3, of: 8, offsetSeconds: 305 })).toBe(
      'Attempt 3 of 8 · +5 min 5 s',
    );
  });

  it('follows each schedule’s offsets', () => {
    expect(scheduleOffsets('svix')).toEqual([0, 5, 305, 2105, 9305, 27_305, 63_305, 99_305]);
    expect(scheduleOffsets('standard-webhooks')).toHaveLength(10);
    expect(scheduleOffsets('github')).toEqual([0]);
    const shopify = scheduleOffsets('shopify');
    expect(shopify).toHaveLength(9);
    expect(shopify.at(-1)).toBeCloseTo(4 * 3600, -1); // 8 retries over 4 hours
    expect(offsetsOf([0, 60, 300])).toEqual([0, 60, 360]);
  });

  it('compresses by the time scale', () => {
    expect(compressedText(0, 1 / 3600)).toBe('at once');
    expect(compressedText(5, 1 / 3600)).toBe('after < 0.01 s');
    expect(compressedText(305, 1 / 3600)).toBe('after 0.08 s');
    expect(compressedText(9305, 1 / 3600)).toBe('after 2.6 s');
    expect(compressedText(99_305, 1 / 3600)).toBe('after 28 s');
    expect(compressedText(300, 1)).toBe('after 5 min');
  });

  it('reads typed custom delays with units, and says what is wrong', () => {
    expect(parseDelays('30s, 5m, 1h, 1d')).toEqual({ delays: [30, 300, 3600, 86_400] });
    expect(parseDelays('90 2min 1.5h 3D')).toEqual({ delays: [90, 120, 5400, 259_200] });
    expect(parseDelays(' ')).toEqual({ error: 'Type at least one delay, e.g. 1m, 1h, 1d.' });
    expect(parseDelays('5 minutes')).toEqual({
      error: '“minutes” is not a delay: use a number with s, m, h or d (e.g. 5m).',
    });
    expect(parseDelays('0.2s')).toEqual({ error: 'A delay is at least 1 s.' });
    expect(parseDelays('4d')).toEqual({ error: 'A delay is at most 3 days.' });
    expect(parseDelays(Array.from({ length: 20 }, () => '1s').join(','))).toEqual({
      error: 'A custom schedule has at most 20 attempts.',
    });
    expect(parseDelays(Array.from({ length: 19 }, () => '1s').join(','))).toMatchObject({
      delays: expect.any(Array),
    });
  });

  it('says a run’s state with how far it got', () => {
    const run = (state: RetryRun['state'], made: number, of = 8): RetryRun => ({
      runId: 'r',
      webhookId: 'w',
      scheduleLabel: 'Svix',
      note: null,
      offsetsSeconds: Array.from({ length: of }, (_, i) => i),
      factor: 1,
      state,
      deliveryIds: Array.from({ length: made }, (_, i) => `d${i}`),
    });
    expect(runStateText(run('running', 2))).toBe('Running: 2 of 8 attempts sent.');
    expect(runStateText(run('succeeded', 3))).toBe('Succeeded: attempt 3 of 8 was accepted (2xx).');
    expect(runStateText(run('gone', 2))).toMatch(
      /^Stopped at attempt 2 of 8: the receiver answered 410 Gone/,
    );
    expect(runStateText(run('stopped', 1))).toBe('Stopped after 1 of 8 attempts.');
    expect(runStateText(run('exhausted', 8))).toBe('All 8 attempts failed: the provider would give up here.');
    expect(runStateText(run('exhausted', 1, 1))).toBe('The one attempt failed.');
  });
});

/**
 * How "Send with retries" reads: the schedules' attempts and offsets ("+5 min 5 s"), the custom delays the user
 * types ("1m, 1h, 1d") and each run's state in words. Pure.
 */
import {
  MAX_CUSTOM_ATTEMPTS,
  MAX_CUSTOM_DELAY_SECONDS,
  RETRY_SCHEDULES,
  type RetryAttempt,
  type RetryRun,
  type RetryScheduleId,
} from '../../../../shared/retries';

/** The choices of "Retry schedule": the providers' schedules, then a custom one (for Stripe). */
export type ScheduleChoice = RetryScheduleId | 'custom';

const UNITS: [string, number][] = [
  ['d', 86_400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** "5 s", "5 min 5 s", "2 h 35 min", "1 d 2 h": the largest unit and the next one, whole seconds. */
export function durationText(seconds: number): string {
  let rest = Math.round(seconds);
  const counts = UNITS.map(([unit, size]) => {
    const count = Math.floor(rest / size);
    rest -= count * size;
    return { unit, count };
  });
  const first = counts.findIndex(({ count }) => count > 0);
  if (first === -1) return '0 s';
  return counts
    .slice(first, first + 2)
    .filter(({ count }) => count > 0)
    .map(({ unit, count }) => `${count} ${unit}`)
    .join(' ');
}

/** An attempt's offset after the first: "immediately" for the first, "+5 min 5 s" for the others. */
export function offsetText(seconds: number): string {
  return seconds === 0 ? 'immediately' : `+${durationText(seconds)}`;
}

/** A record's place in its run: "Attempt 3 of 8 · +5 min 5 s". */
export function attemptText(retry: RetryAttempt): string {
  return `Attempt ${retry.attempt} of ${retry.of} · ${offsetText(retry.offsetSeconds)}`;
}

/** The offset as the time scale compresses it, said as when it goes in this run: "after 0.3 s". */
export function compressedText(seconds: number, factor: number): string {
  const real = seconds * factor;
  if (real === 0) return 'at once';
  if (real < 0.01) return 'after < 0.01 s';
  if (real < 10) return `after ${Number(real.toFixed(real < 1 ? 2 : 1))} s`;
  return `after ${durationText(real)}`;
}

/** Each attempt's offset after the first, from the delays before each (the first delay is 0). */
export function offsetsOf(delays: readonly number[]): number[] {
  let total = 0;
  return delays.map((delay) => (total += delay));
}

/** A provider schedule's planned offsets. */
export const scheduleOffsets = (id: RetryScheduleId): number[] => offsetsOf(RETRY_SCHEDULES[id].delays);

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86_400 };

/**
 * The custom schedule's delays between attempts, typed as "30s, 5m, 1h, 1d" (a number alone is seconds), or
 * why they cannot be used.
 */
export function parseDelays(text: string): { delays: number[] } | { error: string } {
  const tokens = text
    .split(/[,\s]+/)
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokens.length === 0) return { error: 'Type at least one delay, e.g. 1m, 1h, 1d.' };
  if (tokens.length > MAX_CUSTOM_ATTEMPTS - 1)
    return { error: `A custom schedule has at most ${MAX_CUSTOM_ATTEMPTS} attempts.` };
  const delays: number[] = [];
  for (const token of tokens) {
    const match = /^(\d+(?:\.\d+)?)(s|sec|m|min|h|d)?$/i.exec(token);
    if (!match) return { error: `“${token}” is not a delay: use a number with s, m, h or d (e.g. 5m).` };
    const seconds = Math.round(Number(match[1]) * (UNIT_SECONDS[(match[2] ?? 's').toLowerCase()] ?? 1));
    if (seconds < 1) return { error: 'A delay is at least 1 s.' };
    if (seconds > MAX_CUSTOM_DELAY_SECONDS) return { error: 'A delay is at most 3 days.' };
    delays.push(seconds);
  }
  return { delays };
}

/** A run's state in words, with how far it got. */
export function runStateText(run: RetryRun): string {
  const made = run.deliveryIds.length;
  const of = run.offsetsSeconds.length;
  switch (run.state) {
    case 'running':
      return `Running: ${made} of ${of} attempts sent.`;
    case 'succeeded':
      return `Succeeded: attempt ${made} of ${of} was accepted (2xx).`;
    case 'gone':
      return `Stopped at attempt ${made} of ${of}: the receiver answered 410 Gone, so a Standard Webhooks sender disables the endpoint.`;
    case 'stopped':
      return `Stopped after ${made} of ${of} attempts.`;
    case 'exhausted':
      return of === 1
        ? 'The one attempt failed.'
        : `All ${of} attempts failed: the provider would give up here.`;
  }
}

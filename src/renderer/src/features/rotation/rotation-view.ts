/** How a webhook's rotation reads on screen: the step a guided one is at, and the overlap's time left. */
import type { Rotation, RotationTest } from '../../../../shared/rotation';

export const GUIDED_STEPS = 4;

/**
 * The step of a guided rotation: 2 while the receiver's answers are awaited (the new secret exists: step 1 is
 * done), 3 once it accepted both secrets, 4 after the switch (the optional check); null without one.
 */
export function guidedStep(rotation: Rotation | undefined): 2 | 3 | 4 | null {
  if (rotation?.phase === 'next') {
    return rotation.tests.next?.accepted === true && rotation.tests.current?.accepted === true ? 3 : 2;
  }
  return rotation?.phase === 'overlap' && rotation.guided ? 4 : null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "23 h", "45 min", "6 d 23 h", "under 1 min": the time until `iso`, rounded down (never overstated). */
export function timeLeft(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'no time';
  if (ms < MINUTE) return 'under 1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms - days * DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

interface Overlap {
  startedAt: string;
  expiresAt: string;
}

/** The overlap's time left; `now` may lag behind (useNow ticks every 30 s), so never before its start. */
export function overlapLeft(overlap: Overlap, now: number): string {
  return timeLeft(overlap.expiresAt, Math.max(now, Date.parse(overlap.startedAt)));
}

/** "old secret expires in 23 h" (or "old secret expires now" once the time is up and main has not yet ended it). */
export function expiryText(overlap: Overlap, now: number): string {
  return Date.parse(overlap.expiresAt) <= now
    ? 'old secret expires now'
    : `old secret expires in ${overlapLeft(overlap, now)}`;
}

/** A rotation test's answer in a few words: "Accepted: 200 OK", "Refused: 401 Unauthorized", "No answer: …". */
export function testAnswer(test: RotationTest): string {
  if (test.accepted) return `Accepted: ${test.summary}`;
  return test.status === null ? `No answer: ${test.summary}` : `Refused: ${test.summary}`;
}

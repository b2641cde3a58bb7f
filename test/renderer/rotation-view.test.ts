/** How a rotation reads on screen: the guided step, the overlap's time left, a test's answer. */
import { describe, expect, it } from 'vitest';
import {
  expiryText,
  guidedStep,
  overlapLeft,
  testAnswer,
  timeLeft,
} from '../../src/renderer/src/features/rotation/rotation-view';
import type { RotationTest } from '../../src/shared/rotation';

const T0 = Date.parse('2026-11-28T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

const test = (patch: Partial<RotationTest>): RotationTest => ({
  deliveryId: '00000000-0000-4000-8000-000000000000',
  sentAt: at(0),
  status: 200,
  accepted: true,
  summary: '200 OK',
  ...patch,
});

describe('rotation-view', () => {
  it('says the time left rounded down, never more than there is', () => {
    expect(timeLeft(at(24 * HOUR - 1000), T0)).toBe('23 h');
    expect(timeLeft(at(24 * HOUR), T0)).toBe('24 h');
    expect(timeLeft(at(HOUR), T0)).toBe('1 h');
    expect(timeLeft(at(HOUR - 1), T0)).toBe('59 min');
    expect(timeLeft(at(MIN), T0)).toBe('1 min');
    expect(timeLeft(at(59_999), T0)).toBe('under 1 min');
    expect(timeLeft(at(7 * 24 * HOUR), T0)).toBe('7 d');
    expect(timeLeft(at(7 * 24 * HOUR - MIN), T0)).toBe('6 d 23 h');
    expect(timeLeft(at(48 * HOUR - 1), T0)).toBe('47 h');
  });

  it('"old secret expires in …", counted from the overlap start at the earliest (the shared clock may lag)', () => {
    const overlap = { startedAt: at(0), expiresAt: at(24 * HOUR) };
    expect(expiryText(overlap, T0 + HOUR + 1)).toBe('old secret expires in 22 h');
    expect(expiryText(overlap, T0 - 20_000)).toBe('old secret expires in 24 h');
    expect(overlapLeft(overlap, T0 - 20_000)).toBe('24 h');
    expect(expiryText(overlap, T0 + 24 * HOUR)).toBe('old secret expires now');
  });

  it('knows the step of a guided rotation', () => {
    expect(guidedStep(undefined)).toBeNull();
    expect(guidedStep({ phase: 'next', startedAt: at(0), tests: {} })).toBe(2);
    expect(guidedStep({ phase: 'next', startedAt: at(0), tests: { next: test({}) } })).toBe(2);
    expect(
      guidedStep({
        phase: 'next',
        startedAt: at(0),
        tests: { next: test({}), current: test({ accepted: false, status: 401 }) },
      }),
    ).toBe(2);
    expect(
      guidedStep({ phase: 'next', startedAt: at(0), tests: { next: test({}), current: test({}) } }),
    ).toBe(3);
    const overlap = { phase: 'overlap', startedAt: at(0), expiresAt: at(HOUR), switched: true } as const;
    expect(guidedStep({ ...overlap, guided: true })).toBe(4);
    expect(guidedStep({ ...overlap, guided: false })).toBeNull();
  });

  it("puts the receiver's answer in a few words", () => {
    expect(testAnswer(test({}))).toBe('Accepted: 200 OK');
    expect(testAnswer(test({ accepted: false, status: 401, summary: '401 Unauthorized' }))).toBe(
      'Refused: 401 Unauthorized',
    );
    expect(testAnswer(test({ accepted: false, status: null, summary: 'Timeout' }))).toBe(
      'No answer: Timeout',
    );
  });
});

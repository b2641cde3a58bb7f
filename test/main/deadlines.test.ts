import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeadlines } from '../../src/main/deliveries/deadlines';

// Only the clock the deadlines read and the timer they arm are fake: time moves when the test says so.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Records the (fake) time at which each named deadline expired, in ms after the test started. */
function recorder() {
  const t0 = performance.now();
  const expired: Record<string, number> = {};
  return {
    expired,
    expireAs: (name: string) => () => {
      expired[name] = performance.now() - t0;
    },
  };
}

describe('deadlines on one timer', () => {
  it('expires each deadline once, at its time, and never a cancelled one', () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder();
    deadlines.start(40, expireAs('40'));
    const cancel = deadlines.start(80, expireAs('80'));
    deadlines.start(120, expireAs('120'));
    cancel();

    vi.advanceTimersByTime(39);
    expect(expired).toEqual({});
    vi.advanceTimersByTime(1);
    expect(expired).toEqual({ '40': 40 });
    vi.advanceTimersByTime(79);
    expect(expired).toEqual({ '40': 40 });
    vi.advanceTimersByTime(1);
    expect(expired).toEqual({ '40': 40, '120': 120 });
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual({ '40': 40, '120': 120 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for a deadline that comes before the one the timer waits for', () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder();
    deadlines.start(1_000, expireAs('late'));
    deadlines.start(30, expireAs('early'));
    // One timer, for the earliest deadline.
    expect(vi.getTimerCount()).toBe(1);

    vi.advanceTimersByTime(30);
    // The early one did not wait for the late one's timer.
    expect(expired).toEqual({ early: 30 });
    vi.advanceTimersByTime(969);
    expect(expired).toEqual({ early: 30 });
    vi.advanceTimersByTime(1);
    expect(expired).toEqual({ early: 30, late: 1_000 });
  });

  it('keeps waiting for a later deadline when an earlier one starts after it', () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder();
    deadlines.start(50, expireAs('first'));
    deadlines.start(200, expireAs('second'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual({ first: 50 });
    // Re-armed for the next one only.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(150);
    expect(expired).toEqual({ first: 50, second: 200 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expires deadlines due at the same time together, and keeps working after the set empties', () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder();
    for (const name of ['a', 'b', 'c']) deadlines.start(20, expireAs(name));
    vi.advanceTimersByTime(20);
    expect(expired).toEqual({ a: 20, b: 20, c: 20 });
    expect(vi.getTimerCount()).toBe(0);

    deadlines.start(20, expireAs('after'));
    vi.advanceTimersByTime(19);
    expect(expired).not.toHaveProperty('after');
    vi.advanceTimersByTime(1);
    expect(expired).toHaveProperty('after', 40);
  });

  it('a cancelled earliest deadline leaves the others on time', () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder();
    const cancel = deadlines.start(10, expireAs('cancelled'));
    deadlines.start(25, expireAs('kept'));
    cancel();
    vi.advanceTimersByTime(24);
    expect(expired).toEqual({});
    vi.advanceTimersByTime(1);
    expect(expired).toEqual({ kept: 25 });
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createDeadlines } from '../../src/main/deliveries/deadlines';

/** Starts a deadline that records when it expired, in ms after `t0`. */
function recorder(t0: number) {
  const expired: Record<string, number> = {};
  return {
    expired,
    expireAs: (name: string) => () => {
      expired[name] = performance.now() - t0;
    },
  };
}

describe('deadlines on one timer', () => {
  it('expires each deadline once, no earlier than its time, and never a cancelled one', async () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder(performance.now());
    deadlines.start(40, expireAs('40'));
    const cancel = deadlines.start(80, expireAs('80'));
    deadlines.start(120, expireAs('120'));
    cancel();
    await sleep(300);
    expect(Object.keys(expired).sort()).toEqual(['120', '40']);
    const { '40': first = 0, '120': last = 0 } = expired;
    expect(first).toBeGreaterThanOrEqual(39);
    expect(last).toBeGreaterThanOrEqual(119);
    expect(last).toBeGreaterThan(first);
  });

  it('re-arms for a deadline that comes before the one the timer waits for', async () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder(performance.now());
    deadlines.start(1_000, expireAs('late'));
    deadlines.start(30, expireAs('early'));
    await sleep(300);
    // The early one did not wait for the late one's timer.
    expect(Object.keys(expired)).toEqual(['early']);
    expect(expired['early']).toBeGreaterThanOrEqual(29);
    await sleep(900);
    expect(Object.keys(expired).sort()).toEqual(['early', 'late']);
  });

  it('expires deadlines due at the same time together, and keeps working after the set empties', async () => {
    const deadlines = createDeadlines();
    const { expired, expireAs } = recorder(performance.now());
    for (const name of ['a', 'b', 'c']) deadlines.start(20, expireAs(name));
    await sleep(150);
    expect(Object.keys(expired).sort()).toEqual(['a', 'b', 'c']);
    deadlines.start(20, expireAs('after'));
    await sleep(150);
    expect(expired).toHaveProperty('after');
  });
});

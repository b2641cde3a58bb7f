/** The delivery limiter on its own: at most `limit` tasks at once, the others in arrival order, none dropped. */
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/main/deliveries/limiter';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the limiter', () => {
  it('runs at most the limit at once, starts the waiting ones in arrival order, and frees a slot on failure', async () => {
    const limiter = createLimiter(2);
    const tasks = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const results = tasks.map((task, i) =>
      limiter
        .run(async () => {
          started.push(i);
          await task.promise;
          return i;
        })
        .catch((error: Error) => error.message),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.queued]).toEqual([2, 3]);

    tasks[1]?.reject(new Error('task 1 failed'));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect([limiter.active, limiter.queued]).toEqual([2, 2]);

    tasks[0]?.resolve();
    tasks[2]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.active, limiter.queued]).toEqual([2, 0]);

    tasks[3]?.resolve();
    tasks[4]?.resolve();
    expect(await Promise.all(results)).toEqual([0, 'task 1 failed', 2, 3, 4]);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });
});

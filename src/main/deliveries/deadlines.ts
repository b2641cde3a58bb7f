/**
 * Deadlines for many in-flight requests on one Node timer.
 *
 * Why not a setTimeout per request: arming and clearing a lone timer creates and tears down Node's timer
 * list and libuv's handle each time, about 30 µs of a 0.5 ms loopback POST. Here the timer is armed for
 * the earliest deadline only; a request that finishes just leaves the set, and when the timer fires it
 * expires what is due and re-arms for the next one.
 *
 * It reads the global `performance` and `setTimeout` (Node's own) at each call, so tests can drive it with
 * fake timers.
 */

interface Entry {
  at: number;
  expire: () => void;
}

export function createDeadlines() {
  const pending = new Set<Entry>();
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Number.POSITIVE_INFINITY;

  function arm(at: number): void {
    if (timer) clearTimeout(timer);
    timerAt = at;
    // Unref'd: a waiting deadline alone never keeps the process alive; the request's socket does.
    timer = setTimeout(fire, Math.max(0, at - performance.now())).unref();
  }

  function fire(): void {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    // Node's timers keep millisecond time, so one may fire a fraction of a millisecond early.
    const now = performance.now() + 1;
    let next = Number.POSITIVE_INFINITY;
    for (const entry of pending) {
      if (entry.at <= now) {
        pending.delete(entry);
        entry.expire();
      } else {
        next = Math.min(next, entry.at);
      }
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next);
  }

  return {
    /** Calls `expire` after `ms` unless the returned function is called first. */
    start(ms: number, expire: () => void): () => void {
      const entry = { at: performance.now() + ms, expire };
      pending.add(entry);
      if (entry.at < timerAt) arm(entry.at);
      return () => pending.delete(entry);
    },
  };
}

/** A clock that stands still until the test moves it: timestamps a test can assert exactly. */
export function manualClock(start = '2026-03-01T09:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    /** The current time as the app records it. */
    iso: () => new Date(now).toISOString(),
    advance(ms: number) {
      now += ms;
    },
  };
}

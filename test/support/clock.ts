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

/** A Schedule (see src/main/ports.ts) whose tasks run only when the test moves its time on. */
export function manualSchedule() {
  let now = 0;
  let tasks: { at: number; task: () => void }[] = [];
  return {
    schedule: (ms: number, task: () => void) => {
      tasks.push({ at: now + ms, task });
    },
    /** How far ahead each waiting task is, in ms. */
    pending: () => tasks.map(({ at }) => at - now),
    /** Moves time on by `ms`, runs the tasks that became due, then lets their async work settle. */
    async advance(ms: number): Promise<void> {
      now += ms;
      const due = tasks.filter(({ at }) => at <= now);
      tasks = tasks.filter(({ at }) => at > now);
      for (const { task } of due) task();
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

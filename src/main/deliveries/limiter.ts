/** Runs at most `limit` tasks at once; the others wait in arrival order and are never dropped. */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];

  /** Hands the slot straight to the next waiter, so `active` never exceeds the limit. */
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active(): number {
      return active;
    },
    get queued(): number {
      return waiting.length;
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;

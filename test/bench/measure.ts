/** Small timing helpers for the benchmarks: figures are medians and percentiles, never single runs. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (samples: number[]) => percentile(samples, 50);

/** Runs `task` `times` times in sequence and returns each duration in ms. */
export async function sample(
  times: number,
  task: (i: number) => Promise<unknown> | unknown,
): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await task(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

export function report(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}

export const ms = (value: number) => Number(value.toFixed(2));

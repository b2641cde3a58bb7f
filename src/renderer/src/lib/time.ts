/** "2 min ago" for the table, and the exact local time for its tooltip. */
const UNITS: [limitSeconds: number, divisor: number, unit: string][] = [
  [60 * 60, 60, 'min'],
  [24 * 60 * 60, 60 * 60, 'h'],
  [30 * 24 * 60 * 60, 24 * 60 * 60, 'd'],
];

export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 45) return 'just now';
  for (const [limit, divisor, unit] of UNITS) {
    if (seconds < limit) return `${Math.max(1, Math.round(seconds / divisor))} ${unit} ago`;
  }
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

export function exactTime(iso: string): string {
  return exactFormat.format(new Date(iso));
}

const shortFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "27 Nov 2026, 06:07:45": a record's time, to the second. */
export function shortTime(iso: string): string {
  return shortFormat.format(new Date(iso));
}

/**
 * Every duration the UI shows: "45 ms", "1.23 s", "12.5 s", "30 s", "3 min" — as precise as it is useful,
 * without trailing zeros.
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
}

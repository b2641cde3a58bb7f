/** "Send with retries": providers' retry schedules, replayed with the delays compressed. Shared by main and UI. */
import { z } from 'zod/mini';
import { idSchema } from './ids';

const SECOND = 1;
const MINUTE = 60;
const HOUR = 3600;

/** Shopify: 8 retries over 4 hours with exponential backoff (each delay twice the one before). */
const SHOPIFY_DELAYS = Array.from({ length: 8 }, (_, k) => Math.round(((4 * HOUR) / 255) * 2 ** k));

/** Each schedule's delays in seconds: before the first attempt (0: immediately), then between attempts. */
export const RETRY_SCHEDULES = {
  svix: {
    label: 'Svix',
    delays: [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
    note: null,
  },
  'standard-webhooks': {
    label: 'Standard Webhooks example',
    delays: [
      0,
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      14 * HOUR,
      20 * HOUR,
      24 * HOUR,
    ],
    note: null,
  },
  shopify: { label: 'Shopify', delays: [0, ...SHOPIFY_DELAYS], note: '8 retries over 4 hours, exponential.' },
  github: {
    label: 'GitHub',
    delays: [0],
    note: 'GitHub does not retry failed deliveries automatically: one attempt is sent.',
  },
} as const satisfies Record<string, { label: string; delays: readonly number[]; note: string | null }>;
export type RetryScheduleId = keyof typeof RETRY_SCHEDULES;

/** Stripe retries for up to 3 days and does not publish its intervals: a custom schedule stands in for it. */
export const CUSTOM_SCHEDULE_NOTE = 'Stripe retries for up to 3 days; its intervals are not published.';
export const MAX_CUSTOM_ATTEMPTS = 20;
export const MAX_CUSTOM_DELAY_SECONDS = 3 * 24 * HOUR;

/** "Time scale": how many real seconds one second of the schedule takes. */
export const TIME_SCALES = [
  { id: 'real', label: 'Real time', factor: 1 },
  { id: 'minute', label: '1 s per minute', factor: 1 / 60 },
  { id: 'hour', label: '1 s per hour', factor: 1 / 3600 },
  { id: 'day', label: '1 s per day', factor: 1 / 86400 },
] as const;
export type TimeScaleId = (typeof TIME_SCALES)[number]['id'];

export const retryStartSchema = z.strictObject({
  webhookId: idSchema,
  schedule: z.union([
    z.enum(Object.keys(RETRY_SCHEDULES) as [RetryScheduleId]),
    z.strictObject({
      /** Seconds before each attempt after the first (which goes immediately). */
      delays: z
        .array(
          z
            .number()
            .check(
              z.int('Delays are whole seconds.'),
              z.minimum(1, 'A delay is at least 1 s.'),
              z.maximum(MAX_CUSTOM_DELAY_SECONDS, 'A delay is at most 3 days.'),
            ),
        )
        .check(
          z.maxLength(
            MAX_CUSTOM_ATTEMPTS - 1,
            `A custom schedule has at most ${MAX_CUSTOM_ATTEMPTS} attempts.`,
          ),
        ),
    }),
  ]),
  timeScale: z._default(z.enum(TIME_SCALES.map((scale) => scale.id) as [TimeScaleId]), 'hour'),
});

/** Where a delivery record stands in its run: "Attempt 3 of 8 · +5 min". */
export const retryAttemptSchema = z.strictObject({
  runId: idSchema,
  attempt: z.number().check(z.int(), z.minimum(1)),
  of: z.number().check(z.int(), z.minimum(1)),
  /** When the schedule would send it, seconds after the first attempt (before compression). */
  offsetSeconds: z.number().check(z.nonnegative()),
});
export type RetryAttempt = z.infer<typeof retryAttemptSchema>;

export interface RetryRun {
  runId: string;
  webhookId: string;
  scheduleLabel: string;
  note: string | null;
  /** Every planned attempt's offset in the schedule's time (seconds after the first). */
  offsetsSeconds: number[];
  /** Real seconds per schedule second. */
  factor: number;
  state: 'running' | 'succeeded' | 'gone' | 'stopped' | 'exhausted';
  /** The record ids of the attempts made so far. */
  deliveryIds: string[];
}

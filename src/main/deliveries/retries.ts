/**
 * "Send with retries": replays one test delivery the way a provider retries it while the receiver fails, with
 * the schedule's delays compressed by the time scale. Every attempt is a real signed delivery with the same
 * body and message id and a fresh timestamp and signature. A run stops at the first 2xx, at a 410 (a Standard
 * Webhooks sender disables the endpoint) or on "Stop"; a Retry-After longer than the next delay replaces it.
 * Runs live in memory only: a restart ends them. At most one run per webhook.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../shared/contract';
import type { SentDelivery } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import {
  CUSTOM_SCHEDULE_NOTE,
  RETRY_SCHEDULES,
  TIME_SCALES,
  type RetryAttempt,
  type RetryRun,
} from '../../shared/retries';
import { findWebhook } from '../config/lookups';
import type { ConfigStore } from '../config/ports';
import type { EmitEvent, Schedule } from '../ports';

interface Deps {
  config: ConfigStore;
  schedule: Schedule;
  emit: EmitEvent;
  /** Sends one attempt: the first with the template's body, the later ones repeating its body and message id. */
  sendAttempt: (
    webhookId: string,
    retry: RetryAttempt,
    repeat?: { body: string; messageId: string },
  ) => Promise<SentDelivery>;
}

interface Entry {
  run: RetryRun;
  /** Ends the wait for the next attempt early (Stop). */
  wake: () => void;
}

/** A Retry-After header's delay in seconds (delta-seconds or an HTTP date), or 0. */
export function retryAfterSeconds(value: string | undefined, now: Date): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export function createRetryRuns({ config, schedule, emit, sendAttempt }: Deps) {
  const runs = new Map<string, Entry>();
  const changed = (run: RetryRun) => emit('retries.changed', { ...run, deliveryIds: [...run.deliveryIds] });

  async function play(entry: Entry, delays: readonly number[]): Promise<void> {
    const { run } = entry;
    let repeat: { body: string; messageId: string } | undefined;
    let offset = 0;
    let extra = 0;
    for (const [index, delay] of delays.entries()) {
      const wait = Math.max(delay, extra);
      offset += wait;
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          entry.wake = resolve;
          schedule(Math.round(wait * run.factor * 1000), resolve);
        });
      }
      if (run.state !== 'running') return;
      const retry = { runId: run.runId, attempt: index + 1, of: delays.length, offsetSeconds: offset };
      const delivery = await sendAttempt(run.webhookId, retry, repeat);
      repeat ??= { body: delivery.request.body, messageId: delivery.messageId };
      run.deliveryIds.push(delivery.id);
      const status = delivery.response?.status;
      if (status !== undefined && status >= 200 && status < 300) run.state = 'succeeded';
      else if (status === 410) run.state = 'gone';
      extra = retryAfterSeconds(delivery.response?.headers['retry-after'], new Date(delivery.sentAt));
      if (run.state !== 'running' || index === delays.length - 1) break;
      changed(run);
    }
    if (run.state === 'running') run.state = 'exhausted';
    changed(run);
  }

  return {
    start({ webhookId, schedule: chosen, timeScale }: ParsedInput<'retries.start'>): RetryRun {
      findWebhook(config.read(), webhookId);
      if (runs.get(webhookId)?.run.state === 'running') {
        throw new AppError(
          'RUN_IN_PROGRESS',
          'Retries are already running for this webhook: stop them first.',
        );
      }
      const plan: { label: string; delays: readonly number[]; note: string | null } =
        typeof chosen === 'string'
          ? RETRY_SCHEDULES[chosen]
          : { label: 'Custom', delays: [0, ...chosen.delays], note: CUSTOM_SCHEDULE_NOTE };
      const { delays } = plan;
      const run: RetryRun = {
        runId: randomUUID(),
        webhookId,
        scheduleLabel: plan.label,
        note: plan.note,
        offsetsSeconds: delays.map((_, i) => delays.slice(0, i + 1).reduce((sum, d) => sum + d, 0)),
        factor: TIME_SCALES.find((scale) => scale.id === timeScale)?.factor ?? 1,
        state: 'running',
        deliveryIds: [],
      };
      const entry: Entry = { run, wake: () => undefined };
      runs.set(webhookId, entry);
      void play(entry, delays).catch((error: unknown) => {
        // A keychain or storage failure ends the run; the attempts made are in the log.
        console.warn('[hookwarden] a retry run ended:', (error as Error).message);
        run.state = 'stopped';
        changed(run);
      });
      return { ...run, deliveryIds: [] };
    },

    /** "Stop": no further attempt is sent (one already in flight finishes and is logged). */
    stop({ webhookId }: ParsedInput<'retries.stop'>): RetryRun | null {
      const entry = runs.get(webhookId);
      if (!entry) return null;
      if (entry.run.state === 'running') {
        entry.run.state = 'stopped';
        entry.wake();
        changed(entry.run);
      }
      return { ...entry.run, deliveryIds: [...entry.run.deliveryIds] };
    },

    get({ webhookId }: ParsedInput<'retries.get'>): RetryRun | null {
      const run = runs.get(webhookId)?.run;
      return run ? { ...run, deliveryIds: [...run.deliveryIds] } : null;
    },
  };
}

export type RetryRuns = ReturnType<typeof createRetryRuns>;

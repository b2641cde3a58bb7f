/**
 * What "Send with retries" does: start a run of a provider's retry schedule (or a custom one), stop it, read
 * a webhook's run, and follow main's `retries.changed` into the store; a run that ends is toasted.
 */
import type { RetryRun, TimeScaleId } from '../../../../shared/retries';
import { call, subscribe } from '../../lib/ipc';
import { useRetries } from '../../stores/retries';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { reportWebhookError } from '../webhooks/actions';
import { runStateText, type ScheduleChoice } from './schedule-view';

/** Reads `webhookId`'s run from main (none after a restart). */
export async function loadRetryRun(webhookId: string): Promise<void> {
  try {
    const run = await call('retries.get', { webhookId });
    if (run) useRetries.getState().changed(run);
    else useRetries.getState().none(webhookId);
  } catch (error) {
    reportError(error);
  }
}

/**
 * Keeps the store on main's runs of `webhookId`; says so in a toast when one ends unless `shown()` (the dialog
 * shows it). Returns the unsubscribe.
 */
export function followRetries(webhookId: string, shown: () => boolean): () => void {
  return subscribe('retries.changed', (run) => {
    if (run.webhookId !== webhookId) return;
    const before = useRetries.getState().runs[webhookId];
    useRetries.getState().changed(run);
    const ended = before?.runId === run.runId && before.state === 'running' && run.state !== 'running';
    // A Stop the user chose needs no toast.
    if (ended && run.state !== 'stopped' && !shown())
      toast(
        `${run.scheduleLabel} retries: ${runStateText(run)}`,
        run.state === 'succeeded' ? 'success' : 'info',
      );
  });
}

/** "Start retries": `delays` are the custom schedule's delays in seconds. */
export async function startRetries(
  webhookId: string,
  choice: { schedule: ScheduleChoice; delays?: number[]; timeScale: TimeScaleId },
): Promise<RetryRun> {
  const schedule = choice.schedule === 'custom' ? { delays: choice.delays ?? [] } : choice.schedule;
  try {
    const run = await call('retries.start', { webhookId, schedule, timeScale: choice.timeScale });
    useRetries.getState().changed(run);
    return run;
  } catch (error) {
    reportWebhookError(webhookId, error);
    throw error;
  }
}

/** "Stop": the run ends at once (an attempt in flight still gets its answer recorded). */
export async function stopRetries(webhookId: string): Promise<void> {
  try {
    const run = await call('retries.stop', { webhookId });
    if (run) useRetries.getState().changed(run);
  } catch (error) {
    toast(`Could not stop the retries: ${reportError(error).message}`, 'error');
  }
}

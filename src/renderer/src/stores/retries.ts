/**
 * "Send with retries": each webhook's latest retry run as main reported it (main owns the run; it lives in
 * main's memory only). Starting, stopping and following runs: features/retries/actions.ts.
 */
import { create } from 'zustand';
import type { RetryRun } from '../../../shared/retries';
import { omitKey } from '../lib/records';

interface RetriesState {
  /** The latest run of each webhook this session knows of, by webhook id. */
  runs: Record<string, RetryRun>;
  /** A run as main now reports it (started, an attempt made, ended). */
  changed(run: RetryRun): void;
  /** Main has no run for `webhookId` (none yet, or a restart ended it). */
  none(webhookId: string): void;
}

/**
 * True when `run` is an older view than `shown`: of the same run, with fewer attempts or still running after it
 * ended (a call's answer can arrive after the events that followed it); or a late event of an earlier run.
 */
function isOlder(run: RetryRun, shown: RetryRun): boolean {
  if (run.runId !== shown.runId) return shown.state === 'running' && run.state !== 'running';
  if (run.deliveryIds.length !== shown.deliveryIds.length)
    return run.deliveryIds.length < shown.deliveryIds.length;
  return run.state === 'running' && shown.state !== 'running';
}

export const useRetries = create<RetriesState>()((set) => ({
  runs: {},
  changed: (run) =>
    set((state) => {
      const shown = state.runs[run.webhookId];
      return shown && isOlder(run, shown) ? state : { runs: { ...state.runs, [run.webhookId]: run } };
    }),
  none: (webhookId) =>
    set((state) => (webhookId in state.runs ? { runs: omitKey(state.runs, webhookId) } : state)),
}));

import * as Dialog from '@radix-ui/react-dialog';
import { Repeat, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Delivery } from '../../../../shared/delivery';
import type { WebhookView } from '../../../../shared/domain';
import {
  CUSTOM_SCHEDULE_NOTE,
  RETRY_SCHEDULES,
  TIME_SCALES,
  type RetryRun,
  type RetryScheduleId,
  type TimeScaleId,
} from '../../../../shared/retries';
import { cx } from '../../lib/cx';
import { useDeliveries } from '../../stores/deliveries';
import { useRetries } from '../../stores/retries';
import { buttonClass } from '../common/button';
import dialog from '../common/dialog.module.css';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import text from '../common/text.module.css';
import { useSubmit } from '../common/useSubmit';
import { StatusChip } from '../deliveries/StatusChip';
import { followRetries, loadRetryRun, startRetries, stopRetries } from './actions';
import styles from './Retries.module.css';
import {
  compressedText,
  offsetsOf,
  offsetText,
  parseDelays,
  runStateText,
  scheduleOffsets,
  type ScheduleChoice,
} from './schedule-view';

const SCHEDULE_IDS = Object.keys(RETRY_SCHEDULES) as RetryScheduleId[];
const DEFAULT_CUSTOM = '1h, 6h, 12h, 1d, 1d';

const RESTART_NOTE =
  'A run lasts while Hookwarden is open: quitting or restarting it ends the run. One run per webhook at a time.';

const factorOf = (scale: TimeScaleId) => TIME_SCALES.find((entry) => entry.id === scale)?.factor ?? 1;

/** One attempt of the plan or of a run: "Attempt 3 of 8 · +5 min 5 s", and what became of it. */
function Attempt({
  index,
  of,
  offset,
  children,
}: {
  index: number;
  of: number;
  offset: number;
  children?: ReactNode;
}) {
  return (
    <li className={styles.attempt}>
      <span className={styles.position}>
        Attempt {index + 1} of {of} · {offsetText(offset)}
      </span>
      <span className={styles.outcome}>{children}</span>
    </li>
  );
}

/** The form: which schedule, how compressed, the attempts it plans; "Start retries". */
function StartForm({ webhookId, onStarted }: { webhookId: string; onStarted(): void }) {
  const [schedule, setSchedule] = useState<ScheduleChoice>('svix');
  const [delaysText, setDelaysText] = useState(DEFAULT_CUSTOM);
  const [showDelaysError, setShowDelaysError] = useState(false);
  const [timeScale, setTimeScale] = useState<TimeScaleId>('hour');
  const submission = useSubmit();
  const id = useId();

  const custom = schedule === 'custom' ? parseDelays(delaysText) : null;
  const delaysError = custom && 'error' in custom ? custom.error : null;
  const offsets =
    schedule === 'custom'
      ? custom && 'delays' in custom
        ? offsetsOf([0, ...custom.delays])
        : [0]
      : scheduleOffsets(schedule);
  const note = schedule === 'custom' ? CUSTOM_SCHEDULE_NOTE : RETRY_SCHEDULES[schedule].note;
  const factor = factorOf(timeScale);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (delaysError !== null) return setShowDelaysError(true);
    const delays = custom && 'delays' in custom ? custom.delays : undefined;
    if (await submission.run(() => startRetries(webhookId, { schedule, delays, timeScale }))) onStarted();
  };

  return (
    <form className={form.form} onSubmit={submit} noValidate>
      <div className={styles.fields}>
        <div className={form.field}>
          <label htmlFor={`${id}-schedule`}>Retry schedule</label>
          <select
            id={`${id}-schedule`}
            className={form.control}
            value={schedule}
            aria-describedby={note ? `${id}-note` : undefined}
            onChange={(event) => setSchedule(event.target.value as ScheduleChoice)}
          >
            {SCHEDULE_IDS.map((choice) => (
              <option key={choice} value={choice}>
                {RETRY_SCHEDULES[choice].label}
              </option>
            ))}
            <option value="custom">Custom (e.g. Stripe)</option>
          </select>
        </div>
        <div className={form.field}>
          <label htmlFor={`${id}-scale`}>Time scale</label>
          <select
            id={`${id}-scale`}
            className={form.control}
            value={timeScale}
            onChange={(event) => setTimeScale(event.target.value as TimeScaleId)}
          >
            {TIME_SCALES.map((scale) => (
              <option key={scale.id} value={scale.id}>
                {scale.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {note && (
        <p id={`${id}-note`} className={form.hint}>
          {note}
        </p>
      )}
      {schedule === 'custom' && (
        <div className={form.field}>
          <label htmlFor={`${id}-delays`}>Delays between attempts</label>
          <input
            id={`${id}-delays`}
            className={form.control}
            value={delaysText}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setDelaysText(event.target.value)}
            onBlur={() => setShowDelaysError(true)}
            aria-invalid={showDelaysError && delaysError ? true : undefined}
            aria-describedby={`${id}-delays-note`}
          />
          <p id={`${id}-delays-note`} className={showDelaysError && delaysError ? form.error : form.hint}>
            {showDelaysError && delaysError
              ? delaysError
              : 'Comma-separated, with s, m, h or d: e.g. 1h, 6h, 1d. The first attempt goes immediately.'}
          </p>
        </div>
      )}
      <ol className={styles.attempts} aria-label="Planned attempts">
        {offsets.map((offset, index) => (
          <Attempt key={index} index={index} of={offsets.length} offset={offset}>
            <span className={text.muted}>{compressedText(offset, factor)}</span>
          </Attempt>
        ))}
      </ol>
      <p className={form.hint}>
        Every attempt is a real signed delivery with the same message id and body and a fresh signature, until
        one gets a 2xx or a 410; Retry-After is honoured. {RESTART_NOTE}
      </p>
      <FormError message={submission.error} />
      <div className={dialog.actions}>
        <Dialog.Close className={buttonClass()} type="button">
          Cancel
        </Dialog.Close>
        <button
          type="submit"
          className={buttonClass('primary')}
          disabled={submission.pending}
          aria-busy={submission.pending}
        >
          <Repeat aria-hidden size={16} />
          Start retries
        </button>
      </div>
    </form>
  );
}

/** What became of attempt `index`: its record's status, or where the run stands. */
function attemptOutcome(run: RetryRun, index: number, record: Delivery | undefined) {
  if (record) return <StatusChip record={record} />;
  const made = run.deliveryIds.length;
  if (index < made) return <span className={text.muted}>Sent</span>;
  if (run.state !== 'running') return <span className={text.muted}>Not sent</span>;
  if (index === made) return <span className={text.muted}>Next</span>;
  return <span className={text.muted}>Planned</span>;
}

/** A run: each attempt's place and answer as they come; "Stop" while it runs, "New run" after. */
function RunView({ run, onNew }: { run: RetryRun; onNew(): void }) {
  const records = useDeliveries((state) => state.records);
  const [stopping, setStopping] = useState(false);
  const of = run.offsetsSeconds.length;
  const running = run.state === 'running';
  const action = useRef<HTMLButtonElement>(null);
  // The form's button is gone once a run starts, and "Stop" once it ends: the focus moves to the one shown.
  useEffect(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected) action.current?.focus();
  }, [running]);
  const recordOf = (index: number) =>
    records.find((record) => record.retry?.runId === run.runId && record.retry.attempt === index + 1);

  return (
    <div className={form.form}>
      <p role="status" className={styles.state} data-run-state={run.state}>
        <strong>{run.scheduleLabel}</strong> · {runStateText(run)}
      </p>
      {run.note && <p className={form.hint}>{run.note}</p>}
      <ol className={styles.attempts} aria-label="Attempts">
        {run.offsetsSeconds.map((planned, index) => {
          const record = recordOf(index);
          return (
            <Attempt key={index} index={index} of={of} offset={record?.retry?.offsetSeconds ?? planned}>
              {attemptOutcome(run, index, record)}
            </Attempt>
          );
        })}
      </ol>
      <p className={form.hint}>{RESTART_NOTE}</p>
      <div className={dialog.actions}>
        <Dialog.Close className={buttonClass()} type="button">
          Done
        </Dialog.Close>
        {running ? (
          <button
            ref={action}
            type="button"
            className={buttonClass('danger')}
            disabled={stopping}
            aria-busy={stopping}
            onClick={async () => {
              setStopping(true);
              await stopRetries(run.webhookId);
              setStopping(false);
            }}
          >
            <Square aria-hidden size={14} />
            Stop
          </button>
        ) : (
          <button ref={action} type="button" className={buttonClass('primary')} onClick={onNew}>
            <Repeat aria-hidden size={16} />
            New run
          </button>
        )}
      </div>
    </div>
  );
}

function RetriesBody({ webhookId }: { webhookId: string }) {
  const run = useRetries((state) => state.runs[webhookId]);
  const [starting, setStarting] = useState(run === undefined);
  if (starting || !run) return <StartForm webhookId={webhookId} onStarted={() => setStarting(false)} />;
  return <RunView run={run} onNew={() => setStarting(true)} />;
}

/**
 * "Send with retries" (the Deliveries region): the button and its dialog, which replays one test delivery as a
 * provider retries it, compressed by a time scale. The webhook's run is read when the region opens and
 * followed while it is open.
 */
export function RetriesDialog({ webhook }: { webhook: WebhookView }) {
  const [open, setOpen] = useState(false);
  const running = useRetries((state) => {
    const run = state.runs[webhook.id];
    return run?.state === 'running' ? run : undefined;
  });
  const shown = useRef(open);
  useEffect(() => {
    shown.current = open;
  }, [open]);
  useEffect(() => {
    void loadRetryRun(webhook.id);
    return followRetries(webhook.id, () => shown.current);
  }, [webhook.id]);

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title="Send with retries"
      description={
        <>
          Replays a test delivery the way a provider retries it while the receiver fails, to{' '}
          <span className={text.breakAll}>{webhook.url}</span>.
        </>
      }
      trigger={
        <button
          type="button"
          className={cx(buttonClass(), styles.trigger)}
          title={running ? `Send with retries — ${runStateText(running)}` : 'Send with retries'}
          data-running={running ? true : undefined}
        >
          <Repeat aria-hidden size={16} className={styles.triggerIcon} />
          <span className={styles.triggerLabel}>Send with retries</span>
        </button>
      }
    >
      <RetriesBody webhookId={webhook.id} />
    </FormDialog>
  );
}

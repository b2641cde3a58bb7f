import { useEffect, useId, useRef, useState } from 'react';
import type { WebhookView } from '../../../../shared/domain';
import type { SecurityProbeResult, SecurityReport } from '../../../../shared/preflight';
import { reportError } from '../../stores/status';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { RelativeTime } from '../common/RelativeTime';
import text from '../common/text.module.css';
import { checkReceiver } from './actions';
import { OutcomeBadge } from './OutcomeBadge';
import styles from './Preflight.module.css';
import { RunAgainActions } from './RunAgainActions';
import { RunProgress } from './RunProgress';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus?: (event: Event) => void;
}

type Phase =
  | { kind: 'running' }
  | { kind: 'confirm'; message: string }
  | { kind: 'done'; report: SecurityReport }
  | { kind: 'error'; message: string };

/** "Answered 401", "Answered 200, then 200" (the duplicate), "No answer". */
export function answersText(statuses: (number | null)[]): string {
  if (statuses.length === 0) return 'Not sent';
  const each = statuses.map((status) => (status === null ? 'no answer' : String(status)));
  return `Answered ${each.join(', then ')}`;
}

function ProbeItem({ probe }: { probe: SecurityProbeResult }) {
  const titleId = useId();
  return (
    <li className={styles.item} aria-labelledby={titleId} data-probe={probe.id}>
      <div className={styles.itemHead}>
        <h3 id={titleId} className={styles.itemTitle}>
          {probe.title}
        </h3>
        <OutcomeBadge outcome={probe.outcome} />
      </div>
      <p>{probe.meaning}</p>
      {probe.statuses.length > 0 && <p className={styles.statuses}>{answersText(probe.statuses)}</p>}
    </li>
  );
}

/**
 * "Check receiver security": sends a correctly signed delivery and forged ones, and lists how the receiver
 * answered each, with what it means. A host other than this machine asks first (main says NEEDS_CONFIRMATION).
 */
export function ReceiverSecurityDialog({ webhook, open, onOpenChange, onCloseAutoFocus }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'running' });
  const confirmed = useRef(false);
  const mounted = useRef(true);
  const id = webhook.id;

  const execute = async () => {
    try {
      const answer = await checkReceiver(id, confirmed.current);
      if (!mounted.current) return;
      setPhase(
        'report' in answer
          ? { kind: 'done', report: answer.report }
          : { kind: 'confirm', message: answer.needsConfirmation },
      );
    } catch (error) {
      if (mounted.current) setPhase({ kind: 'error', message: reportError(error).message });
    }
  };

  const run = () => {
    setPhase({ kind: 'running' });
    void execute();
  };

  useEffect(() => {
    mounted.current = true;
    void execute();
    return () => {
      mounted.current = false;
    };
    // Runs once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (phase.kind === 'confirm')
    return (
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          if (next) return;
          // Confirmed: the check runs (the dialog below opens); cancelled: nothing is sent.
          if (confirmed.current) run();
          else onOpenChange(false);
        }}
        onCloseAutoFocus={onCloseAutoFocus}
        title="Send forged requests?"
        description={
          <>
            <p>{phase.message}</p>
            <p>
              Endpoint: <strong className={text.breakAll}>{webhook.url}</strong>
            </p>
          </>
        }
        confirmLabel="Send forged requests"
        onConfirm={async () => {
          confirmed.current = true;
        }}
      />
    );

  const running = phase.kind === 'running';
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Receiver security check"
      wide
    >
      <p className={styles.target}>
        <span className={text.breakAll}>{webhook.url}</span>
        {phase.kind === 'done' && (
          <span className={styles.when}>
            Checked <RelativeTime iso={phase.report.checkedAt} />
          </span>
        )}
      </p>
      <p className={text.muted}>
        A receiver must accept a correctly signed delivery and refuse (4xx) every forged one. Each request is
        in the Deliveries log, marked “Security check”.
      </p>
      {running && <RunProgress label="Sending the signed and forged deliveries" />}
      <FormError message={phase.kind === 'error' ? phase.message : null} />
      {phase.kind === 'done' && (
        <ol className={styles.list} aria-label="Probes">
          {phase.report.probes.map((probe) => (
            <ProbeItem key={probe.id} probe={probe} />
          ))}
        </ol>
      )}
      <RunAgainActions running={running} onRun={run} />
    </FormDialog>
  );
}

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CHECK_TITLES, type CheckResult, type EndpointCheck } from '../../../../shared/preflight';
import { reportError } from '../../stores/status';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { RelativeTime } from '../common/RelativeTime';
import text from '../common/text.module.css';
import { checkBoundSeconds, runEndpointCheck, type CheckTarget } from './actions';
import { OutcomeBadge } from './OutcomeBadge';
import styles from './Preflight.module.css';
import { RunAgainActions } from './RunAgainActions';
import { RunProgress } from './RunProgress';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus?: (event: Event) => void;
  /** The URL checked. */
  url: string;
  /** A check kept from before (the webhook's): shown as it is until "Run again". Without one, it runs at once. */
  earlier?: EndpointCheck;
  /** What is checked: a webhook, or the create form's URL (no signed delivery). */
  target: CheckTarget;
  /** Said under the title, e.g. that the create form's check sends no signed delivery. */
  note?: ReactNode;
}

function CheckItem({ check }: { check: CheckResult }) {
  const titleId = useId();
  return (
    <li className={styles.item} aria-labelledby={titleId} data-check={check.id}>
      <div className={styles.itemHead}>
        <h3 id={titleId} className={styles.itemTitle}>
          {CHECK_TITLES[check.id]}
        </h3>
        <OutcomeBadge outcome={check.outcome} />
      </div>
      <p>{check.reason}</p>
      {check.fix && (
        <p className={styles.fix}>
          <strong>Fix:</strong> {check.fix}
        </p>
      )}
      {check.details.length > 0 && (
        <ul className={styles.details}>
          {check.details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The dialog's content, mounted while it is open: the last result (or the run it starts at once). */
function EndpointCheckBody({ url, earlier, target, note }: Omit<Props, 'open' | 'onOpenChange'>) {
  const [check, setCheck] = useState<EndpointCheck | undefined>(earlier);
  const [running, setRunning] = useState(earlier === undefined);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);

  const execute = async () => {
    try {
      const result = await runEndpointCheck(target);
      if (!mounted.current) return;
      setCheck(result);
      setRunning(false);
    } catch (caught) {
      if (!mounted.current) return;
      setError(reportError(caught).message);
      setRunning(false);
    }
  };

  const runAgain = () => {
    setRunning(true);
    setError(null);
    void execute();
  };

  useEffect(() => {
    mounted.current = true;
    // The run starts as the dialog opens; its state changes only once main answers.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- set after an await, not synchronously
    if (!earlier) void execute();
    return () => {
      mounted.current = false;
    };
    // Runs once, when the dialog opens without an earlier result.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <>
      <p className={styles.target}>
        <span className={text.breakAll}>{url}</span>
        {check && !running && (
          <span className={styles.when}>
            Checked <RelativeTime iso={check.checkedAt} />
          </span>
        )}
      </p>
      {note}
      {running && <RunProgress label="Checking the endpoint" boundSeconds={checkBoundSeconds()} />}
      <FormError message={error} />
      {check && !running && (
        <ol className={styles.list} aria-label="Checks">
          {check.checks.map((result) => (
            <CheckItem key={result.id} check={result} />
          ))}
        </ol>
      )}
      <RunAgainActions running={running} onRun={runAgain} />
    </>
  );
}

/**
 * "Endpoint check": the six checks of a URL (URL, DNS, TCP connect, TLS, redirects, response), each pass, warn,
 * fail or skipped with its reason, fix and details; "Run again" runs them again.
 */
export function EndpointCheckDialog({ open, onOpenChange, onCloseAutoFocus, ...body }: Props) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Endpoint check"
      wide
    >
      <EndpointCheckBody {...body} />
    </FormDialog>
  );
}

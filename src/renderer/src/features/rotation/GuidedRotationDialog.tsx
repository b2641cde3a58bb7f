import * as Dialog from '@radix-ui/react-dialog';
import { TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import { DEFAULT_OVERLAP, type SecretRole } from '../../../../shared/rotation';
import { cx } from '../../lib/cx';
import { exactTime } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import { buttonClass } from '../common/button';
import dialogStyles from '../common/dialog.module.css';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { cancelRotation, rollSecret, switchSecret, testSecret } from './actions';
import { NewSecret } from './NewSecret';
import { OverlapChoiceField } from './OverlapChoiceField';
import { OverlapWarning } from './OverlapWarning';
import styles from './Rotation.module.css';
import { guidedStep, GUIDED_STEPS, overlapLeft } from './rotation-view';
import { TestAnswer } from './TestAnswer';
import { WebhookName } from './WebhookName';

interface Props {
  webhook: WebhookView;
  /** Opened by "Roll signing secret" (a new rotation) rather than "Continue rotation". */
  startNew: boolean;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

const STEP_NAMES = ['Create the new secret', 'Test both secrets', 'Switch', 'Check the old secret'] as const;

/** The step the dialog shows: before the roll, between the roll and the switch, after the switch. */
type View = 'start' | 'prepare' | 'switched';

/**
 * The guided rotation of a single-signature scheme (Mindee, GitHub): 1 "Roll secret" creates the new secret and
 * shows it, for the receiver to accept next to the current one; 2 a test delivery signed with each proves it
 * does; 3 "Switch to the new secret" (forced past failed tests only with "Switch anyway"); 4 optionally, "Check
 * the old secret is refused". Everything lives in main (webhook.rotation): the dialog can be closed and reopened
 * at the same step.
 */
export function GuidedRotationDialog({ webhook, startNew, ...dialog }: Props) {
  const { rotation } = webhook;
  const [rollingAgain, setRollingAgain] = useState(startNew && rotation?.phase === 'overlap');
  // Past the switch (here, or before "Continue rotation"): an overlap that ends meanwhile stays at step 4.
  const [didSwitch, setDidSwitch] = useState(!startNew && rotation?.phase === 'overlap');
  const [keepOldFor, setKeepOldFor] = useState(DEFAULT_OVERLAP);
  const [force, setForce] = useState(false);
  const [testing, setTesting] = useState<SecretRole | null>(null);
  const submission = useSubmit();
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);

  const view: View =
    rotation?.phase === 'next'
      ? 'prepare'
      : rollingAgain || (!didSwitch && rotation?.phase !== 'overlap')
        ? 'start'
        : 'switched';
  const step = view === 'start' ? 1 : view === 'switched' ? GUIDED_STEPS : (guidedStep(rotation) ?? 2);
  const tested = step === 3;

  // A new step replaces the button that led to it: focus goes to the step's heading.
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    heading.current?.focus();
  }, [view]);

  const roll = () =>
    submission.run(async () => {
      await rollSecret(webhook.id, {
        keepOldFor: DEFAULT_OVERLAP,
        endOverlap: rotation?.phase === 'overlap',
      });
      setRollingAgain(false);
    });
  const test = (role: SecretRole) =>
    submission.run(async () => {
      setTesting(role);
      try {
        await testSecret(webhook.id, role);
      } finally {
        setTesting(null);
      }
    });
  const switchNow = () =>
    submission.run(async () => {
      await switchSecret(webhook.id, { keepOldFor, force: !tested && force });
      setDidSwitch(true);
    });
  const cancel = async () => {
    if (await submission.run(() => cancelRotation(webhook.id))) dialog.onOpenChange(false);
  };

  const testButton = (role: SecretRole, label: string) => (
    <button
      type="button"
      className={buttonClass('plain', 'small')}
      onClick={() => void test(role)}
      disabled={submission.pending}
      aria-busy={testing === role}
    >
      {label}
    </button>
  );

  return (
    <FormDialog
      {...dialog}
      wide
      title="Roll signing secret"
      description={
        <>
          For <WebhookName webhook={webhook} />. {SCHEME_LABELS[webhook.scheme]} sends one signature, so your
          receiver learns the new secret before deliveries switch to it; each step is proven with a signed
          test delivery.
        </>
      }
    >
      <ol className={styles.steps} aria-label="Rotation steps">
        {STEP_NAMES.map((name, index) => (
          <li
            key={name}
            aria-current={index + 1 === step ? 'step' : undefined}
            data-done={index + 1 < step || undefined}
          >
            {name}
          </li>
        ))}
      </ol>

      {view === 'start' && (
        <section className={styles.step} aria-labelledby="rotation-step-1">
          <h3 id="rotation-step-1" ref={heading} tabIndex={-1}>
            Step 1 of 4: create the new secret
          </h3>
          <OverlapWarning rotation={rotation} />
          <p>
            Hookwarden creates a new secret and keeps signing with the current one, so nothing changes for
            your receiver yet. Add the new secret to your receiver next to the current one, then test both.
          </p>
        </section>
      )}

      {view === 'prepare' && (
        <>
          <section className={styles.step} aria-labelledby="rotation-step-1">
            <h3 id="rotation-step-1" ref={heading} tabIndex={-1}>
              Step {step} of 4: {tested ? 'switch to the new secret' : 'test both secrets'}
            </h3>
            <p>
              <strong>Add this new secret to your receiver next to the current one</strong>: until the switch,
              it must accept deliveries signed with either.
            </p>
            <NewSecret webhookId={webhook.id} />
          </section>
          <section className={styles.step} aria-label="Test both secrets">
            <p className={styles.testLine}>
              {testButton('next', 'Test the new secret')}
              <TestAnswer
                test={rotation?.phase === 'next' ? rotation.tests.next : undefined}
                expect="accepted"
              />
            </p>
            <p className={styles.testLine}>
              {testButton('current', 'Test the current secret')}
              <TestAnswer
                test={rotation?.phase === 'next' ? rotation.tests.current : undefined}
                expect="accepted"
              />
            </p>
          </section>
          <section className={styles.step} aria-label="Switch to the new secret">
            <OverlapChoiceField value={keepOldFor} onChange={setKeepOldFor} disabled={!tested && !force} />
            {!tested && (
              <div className={styles.force}>
                <label className={styles.check}>
                  <input
                    type="checkbox"
                    checked={force}
                    onChange={(event) => setForce(event.target.checked)}
                  />
                  Switch anyway
                </label>
                {force && (
                  <p className={form.warning}>
                    <TriangleAlert aria-hidden size={16} />
                    <span>
                      Your receiver has not accepted both secrets: once deliveries are signed with the new
                      one, it may reject them.
                    </span>
                  </p>
                )}
              </div>
            )}
          </section>
        </>
      )}

      {view === 'switched' && (
        <section className={styles.step} aria-labelledby="rotation-step-4">
          <h3 id="rotation-step-4" ref={heading} tabIndex={-1}>
            Step 4 of 4: check the old secret is refused (optional)
          </h3>
          {rotation?.phase === 'overlap' ? (
            <>
              <p>
                Deliveries are signed with the new secret. The old one stays valid for{' '}
                <time dateTime={rotation.expiresAt} title={exactTime(rotation.expiresAt)}>
                  {overlapLeft(rotation, now)}
                </time>
                . Once you have removed it from your receiver, check that the receiver refuses it.
              </p>
              <p className={styles.testLine}>
                {testButton('previous', 'Check the old secret is refused')}
                <TestAnswer test={rotation.oldSecretCheck} expect="refused" />
              </p>
              {rotation.oldSecretCheck?.accepted === true && (
                <p className={form.warning} role="alert">
                  <TriangleAlert aria-hidden size={16} />
                  <span>
                    Your receiver still accepts the old secret. Remove it from the receiver, then check again.
                  </span>
                </p>
              )}
              {rotation.oldSecretCheck?.accepted === false && rotation.oldSecretCheck.status !== null && (
                <p className={styles.done}>Your receiver refuses the old secret: the rotation is complete.</p>
              )}
            </>
          ) : (
            <p>Deliveries are signed with the new secret, and the old one no longer works.</p>
          )}
        </section>
      )}

      <FormError message={submission.error} />
      <div className={cx(dialogStyles.actions, styles.footer)}>
        {view === 'prepare' && (
          <button
            type="button"
            className={cx(buttonClass(), styles.cancelRotation)}
            onClick={() => void cancel()}
            disabled={submission.pending}
          >
            Cancel rotation
          </button>
        )}
        <Dialog.Close className={buttonClass()} type="button">
          {view === 'start' ? 'Cancel' : view === 'prepare' ? 'Continue later' : 'Done'}
        </Dialog.Close>
        {view === 'start' && (
          <button
            type="button"
            className={buttonClass('primary')}
            onClick={() => void roll()}
            disabled={submission.pending}
            aria-busy={submission.pending}
          >
            Roll secret
          </button>
        )}
        {view === 'prepare' && (
          <button
            type="button"
            className={buttonClass('primary')}
            onClick={() => void switchNow()}
            disabled={submission.pending || (!tested && !force)}
            aria-busy={submission.pending && testing === null}
          >
            Switch to the new secret
          </button>
        )}
      </div>
    </FormDialog>
  );
}

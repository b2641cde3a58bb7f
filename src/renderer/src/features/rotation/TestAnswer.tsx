import { CircleCheck, CircleX, TriangleAlert } from 'lucide-react';
import type { RotationTest } from '../../../../shared/rotation';
import { cx } from '../../lib/cx';
import { exactTime } from '../../lib/time';
import styles from './Rotation.module.css';
import { testAnswer } from './rotation-view';

/**
 * The receiver's answer to a rotation test, in a live region that is always there (so the answer is read out
 * when it arrives). `expect` is the good answer: accepted for the new and current secrets, refused for the old
 * one after the switch.
 */
export function TestAnswer({
  test,
  expect,
}: {
  test: RotationTest | undefined;
  expect: 'accepted' | 'refused';
}) {
  const good = test !== undefined && test.accepted === (expect === 'accepted');
  const Icon = good ? CircleCheck : expect === 'refused' ? TriangleAlert : CircleX;
  return (
    <span className={styles.answer} aria-live="polite">
      {test && (
        <span
          className={cx(styles.answerText, good ? styles.good : styles.bad)}
          title={`Sent ${exactTime(test.sentAt)}`}
          data-test-answer={good ? 'good' : 'bad'}
        >
          <Icon aria-hidden size={14} />
          {testAnswer(test)}
        </span>
      )}
    </span>
  );
}

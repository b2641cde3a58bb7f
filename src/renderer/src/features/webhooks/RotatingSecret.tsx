import { Copy, Eye, EyeOff } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Rotation } from '../../../../shared/rotation';
import { cx } from '../../lib/cx';
import { exactTime } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import { secretKey, useSecrets } from '../../stores/secrets';
import { IconButton } from '../common/IconButton';
import tags from '../common/tags.module.css';
import { expiryText, guidedStep, GUIDED_STEPS } from '../rotation/rotation-view';
import { copySecret, toggleReveal } from './actions';
import styles from './RotatingSecret.module.css';
import secretStyles from './SecretCell.module.css';

interface Props {
  webhookId: string;
  rotation: Rotation;
  describedBy: string;
  /** The current secret (masked or revealed) and its buttons, as SecretCell shows them. */
  current: ReactNode;
  children: ReactNode;
}

/**
 * The secret cell during a rotation: the current secret over a line saying "Rotating" and where the rotation
 * is — the step of a guided one, or the old secret's time left ("old secret expires in 23 h", the exact time on
 * hover) with "Reveal previous signing secret" and "Copy previous signing secret". One secret is revealed at a
 * time: it takes the cell's room, and the other line steps aside until it is hidden again.
 */
export function RotatingSecret({ webhookId, rotation, describedBy, current, children }: Props) {
  const now = useNow();
  const currentShown = useSecrets((state) => webhookId in state.revealed);
  const previous = useSecrets((state) => state.revealed[secretKey(webhookId, 'previous')]);
  const overlap = rotation.phase === 'overlap' ? rotation : null;
  const step = guidedStep(rotation);

  return (
    <div className={styles.rotating} data-rotating={rotation.phase}>
      <div className={styles.lines}>
        <div className={cx(styles.line, previous !== undefined && styles.aside)}>{current}</div>
        <div
          className={cx(
            styles.line,
            styles.status,
            currentShown && styles.aside,
            previous !== undefined && styles.previousShown,
          )}
        >
          {previous !== undefined ? (
            <>
              <span className={styles.previousLabel}>Previous</span>
              <code className={cx(secretStyles.value, secretStyles.revealed)} data-revealed-previous>
                {previous}
              </code>
            </>
          ) : (
            <>
              <span className={cx(tags.badge, tags.rotating)}>Rotating</span>
              {overlap ? (
                <time dateTime={overlap.expiresAt} title={exactTime(overlap.expiresAt)}>
                  {expiryText(overlap, now)}
                </time>
              ) : (
                <span>
                  step {step} of {GUIDED_STEPS}
                </span>
              )}
            </>
          )}
        </div>
      </div>
      <div className={styles.buttons}>
        {children}
        {overlap && (
          <>
            <IconButton
              label={
                previous !== undefined ? 'Hide previous signing secret' : 'Reveal previous signing secret'
              }
              aria-describedby={describedBy}
              onClick={() => void toggleReveal(webhookId, 'previous')}
            >
              {previous !== undefined ? <Eye aria-hidden size={16} /> : <EyeOff aria-hidden size={16} />}
            </IconButton>
            <IconButton
              label="Copy previous signing secret"
              aria-describedby={describedBy}
              onClick={() => void copySecret(webhookId, 'previous')}
            >
              <Copy aria-hidden size={16} />
            </IconButton>
          </>
        )}
      </div>
    </div>
  );
}

import { Copy, Eye, EyeOff, TriangleAlert } from 'lucide-react';
import { SECRET_PREFIX } from '../../../../shared/secrets';
import type { Rotation } from '../../../../shared/rotation';
import { cx } from '../../lib/cx';
import { useSecrets } from '../../stores/secrets';
import { buttonClass } from '../common/button';
import text from '../common/text.module.css';
import { IconButton } from '../common/IconButton';
import { copySecret, regenerateMissing, toggleReveal } from './actions';
import { RotatingSecret } from './RotatingSecret';
import styles from './SecretCell.module.css';

const MASK = `${SECRET_PREFIX}${'•'.repeat(16)}`;

interface Props {
  webhookId: string;
  secretMissing: boolean;
  /** The webhook's rotation in progress, if any: the cell says so, and shows the previous secret's buttons. */
  rotation?: Rotation;
  /** The id of the row's URL cell, so a screen reader hears which endpoint a button belongs to. */
  describedBy: string;
}

/** The signing secret: masked until revealed (fetched from main only then), with Copy done by main. */
export function SecretCell({ webhookId, secretMissing, rotation, describedBy }: Props) {
  const secret = useSecrets((state) => state.revealed[webhookId]);

  if (secretMissing) {
    return (
      <div className={styles.missing}>
        <TriangleAlert aria-hidden size={16} />
        <span className={styles.missingText}>Signing secret missing from the keychain.</span>
        <button
          type="button"
          className={buttonClass('warning', 'small')}
          aria-describedby={describedBy}
          onClick={() => void regenerateMissing(webhookId)}
        >
          Regenerate signing secret
        </button>
      </div>
    );
  }

  const shown = secret !== undefined;
  const value = shown ? (
    <code className={cx(styles.value, styles.revealed)} data-revealed>
      {secret}
    </code>
  ) : (
    <code className={cx(text.truncate, styles.value)}>
      <span aria-hidden>{MASK}</span>
      <span className={text.srOnly}>hidden</span>
    </code>
  );
  const buttons = (
    <>
      <IconButton
        label={shown ? 'Hide signing secret' : 'Reveal signing secret'}
        aria-describedby={describedBy}
        onClick={() => void toggleReveal(webhookId)}
      >
        {shown ? <Eye aria-hidden size={16} /> : <EyeOff aria-hidden size={16} />}
      </IconButton>
      <IconButton
        label="Copy signing secret"
        aria-describedby={describedBy}
        onClick={() => void copySecret(webhookId)}
      >
        <Copy aria-hidden size={16} />
      </IconButton>
    </>
  );
  if (rotation) {
    return (
      <RotatingSecret webhookId={webhookId} rotation={rotation} describedBy={describedBy} current={value}>
        {buttons}
      </RotatingSecret>
    );
  }
  return (
    <div className={styles.secret}>
      {value}
      {buttons}
    </div>
  );
}

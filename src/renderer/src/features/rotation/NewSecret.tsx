import { Copy, Eye, EyeOff } from 'lucide-react';
import { SECRET_PREFIX } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { secretKey, useSecrets } from '../../stores/secrets';
import { IconButton } from '../common/IconButton';
import text from '../common/text.module.css';
import { copySecret, toggleReveal } from '../webhooks/actions';
import styles from './Rotation.module.css';

const MASK = `${SECRET_PREFIX}${'•'.repeat(16)}`;

/** A guided rotation's new secret ("next"): masked until revealed, copied by main. */
export function NewSecret({ webhookId }: { webhookId: string }) {
  const secret = useSecrets((state) => state.revealed[secretKey(webhookId, 'next')]);
  const shown = secret !== undefined;
  return (
    <div className={styles.secret}>
      {shown ? (
        <code className={cx(styles.value, styles.revealed)} data-revealed-next>
          {secret}
        </code>
      ) : (
        <code className={cx(text.truncate, styles.value)}>
          <span aria-hidden>{MASK}</span>
          <span className={text.srOnly}>hidden</span>
        </code>
      )}
      <IconButton
        label={shown ? 'Hide new signing secret' : 'Reveal new signing secret'}
        onClick={() => void toggleReveal(webhookId, 'next')}
      >
        {shown ? <Eye aria-hidden size={16} /> : <EyeOff aria-hidden size={16} />}
      </IconButton>
      <IconButton label="Copy new signing secret" onClick={() => void copySecret(webhookId, 'next')}>
        <Copy aria-hidden size={16} />
      </IconButton>
    </div>
  );
}

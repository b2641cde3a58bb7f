import { Copy, Eye, EyeOff, TriangleAlert } from 'lucide-react';
import { SECRET_PREFIX } from '../../../../shared/domain';
import { useSecrets } from '../../stores/secrets';
import { IconButton } from '../common/IconButton';
import { copyToClipboard, regenerateMissing, toggleReveal } from './secret-actions';

const MASK = `${SECRET_PREFIX}${'•'.repeat(16)}`;

interface Props {
  webhookId: string;
  secretMissing: boolean;
  /** The id of the row's URL cell, so a screen reader hears which endpoint a button belongs to. */
  describedBy: string;
}

/** The signing secret: masked until revealed (fetched from main only then), with Copy done by main. */
export function SecretCell({ webhookId, secretMissing, describedBy }: Props) {
  const secret = useSecrets((state) => state.revealed[webhookId]);

  if (secretMissing) {
    return (
      <div className="secret-missing">
        <TriangleAlert aria-hidden size={16} />
        <span>Signing secret missing from the keychain.</span>
        <button
          type="button"
          className="button small warning"
          aria-describedby={describedBy}
          onClick={() => void regenerateMissing(webhookId)}
        >
          Regenerate signing secret
        </button>
      </div>
    );
  }

  const shown = secret !== undefined;
  return (
    <div className="secret">
      {shown ? (
        <code className="secret-value" data-revealed>
          {secret}
        </code>
      ) : (
        <code className="secret-value">
          <span aria-hidden>{MASK}</span>
          <span className="sr-only">hidden</span>
        </code>
      )}
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
        onClick={() => void copyToClipboard(webhookId)}
      >
        <Copy aria-hidden size={16} />
      </IconButton>
    </div>
  );
}

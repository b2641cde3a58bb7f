import { Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { MAX_CUSTOM_HEADERS } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { buttonClass } from '../common/button';
import form from '../common/form.module.css';
import { IconButton } from '../common/IconButton';
import { emptyHeader, keepsStoredValue, type HeaderDraft } from './header-drafts';
import styles from './HeadersEditor.module.css';

interface Props {
  value: HeaderDraft[];
  onChange(value: HeaderDraft[]): void;
}

/**
 * "Custom headers": name/value rows sent with every delivery. A "Secret value" is masked, kept in the keychain
 * and never shown again: its field starts empty, and left empty keeps the stored value.
 */
export function HeadersEditor({ value, onChange }: Props) {
  const id = useId();
  const update = (key: number, patch: Partial<HeaderDraft>) =>
    onChange(value.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));

  return (
    <fieldset className={styles.headers} aria-describedby={`${id}-hint`}>
      <legend className={styles.legend}>Custom headers</legend>
      <p id={`${id}-hint`} className={form.hint}>
        Sent with every delivery. Mark a value such as a token as secret: it is kept in your keychain.
      </p>
      {value.map((draft, index) => {
        const keeps = keepsStoredValue(draft);
        const label = `Header ${index + 1}`;
        return (
          <div key={draft.key} role="group" aria-label={label} className={styles.row}>
            <input
              className={cx(form.control, styles.control)}
              aria-label="Header name"
              placeholder="X-Team"
              autoComplete="off"
              spellCheck={false}
              value={draft.name}
              onChange={(event) => update(draft.key, { name: event.target.value })}
            />
            <input
              className={cx(form.control, styles.control)}
              aria-label="Header value"
              type={draft.secret ? 'password' : 'text'}
              placeholder={keeps ? 'Stored in the keychain (leave empty to keep)' : 'Value'}
              autoComplete="off"
              spellCheck={false}
              value={draft.value}
              onChange={(event) => update(draft.key, { value: event.target.value })}
            />
            <label className={styles.secret}>
              <input
                type="checkbox"
                checked={draft.secret}
                onChange={(event) => update(draft.key, { secret: event.target.checked })}
              />
              Secret value
            </label>
            <IconButton
              label={`Remove header ${index + 1}`}
              onClick={() => onChange(value.filter((other) => other.key !== draft.key))}
            >
              <Trash2 aria-hidden size={16} />
            </IconButton>
          </div>
        );
      })}
      <button
        type="button"
        className={cx(buttonClass(), styles.add)}
        disabled={value.length >= MAX_CUSTOM_HEADERS}
        onClick={() => onChange([...value, emptyHeader()])}
      >
        <Plus aria-hidden size={16} />
        Add header
      </button>
    </fieldset>
  );
}

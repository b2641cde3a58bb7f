import { useEffect, useId, useState, type FormEvent } from 'react';
import { TIMEOUT_MAX_SECONDS, TIMEOUT_MIN_SECONDS, deliveryTimeoutSchema } from '../../../../shared/delivery';
import { firstMessage } from '../../../../shared/zod-issues';
import { reportError } from '../../stores/status';
import { useSettings } from '../../stores/settings';
import { cx } from '../../lib/cx';
import form from '../common/form.module.css';
import { loadSettings, setDeliveryTimeout } from './actions';
import styles from './TimeoutField.module.css';

/** "Timeout (s)": how long a test delivery waits for an answer, 1–60 s; saved on Enter or when left. */
export function TimeoutField() {
  const saved = useSettings((state) => state.settings.deliveryTimeoutSeconds);
  const [draft, setDraft] = useState(String(saved));
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => void loadSettings(), []);
  // When the saved value changes (loaded, or saved), the field shows it.
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setDraft(String(saved));
  }

  const commit = async (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = deliveryTimeoutSchema.safeParse(Number(draft.trim() === '' ? Number.NaN : draft));
    if (!parsed.success) {
      setError(firstMessage(parsed.error, 'Enter a whole number of seconds.'));
      return;
    }
    setError(null);
    if (parsed.data === saved) return;
    try {
      await setDeliveryTimeout(parsed.data);
    } catch (caught) {
      setError(reportError(caught).message);
    }
  };

  return (
    <form className={styles.field} onSubmit={(event) => void commit(event)} noValidate>
      <label htmlFor={id}>Timeout (s)</label>
      <input
        id={id}
        className={cx(form.control, styles.input)}
        type="number"
        inputMode="numeric"
        min={TIMEOUT_MIN_SECONDS}
        max={TIMEOUT_MAX_SECONDS}
        step={1}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void commit()}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className={cx(form.error, styles.error)} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

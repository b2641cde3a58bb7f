import { useId } from 'react';
import { OVERLAP_CHOICES, type OverlapChoice } from '../../../../shared/rotation';
import form from '../common/form.module.css';
import styles from './Rotation.module.css';

/** What happens to the old secret with each choice. */
const HINTS: Record<OverlapChoice, string> = {
  now: 'The old secret stops working at once: receivers that have only it reject deliveries.',
  '1h': 'The old secret keeps working for an hour, then Hookwarden removes it.',
  '24h': 'The old secret keeps working for a day, then Hookwarden removes it.',
  '7d': 'The old secret keeps working for a week, then Hookwarden removes it.',
};

/** The radio group "Keep the old secret valid for": Expire now, 1 hour, 24 hours (the default), 7 days. */
export function OverlapChoiceField({
  value,
  onChange,
  disabled,
  autoFocus,
}: {
  value: OverlapChoice;
  onChange(next: OverlapChoice): void;
  disabled?: boolean;
  /** The dialog's first field: the chosen radio takes the initial focus (as Tab would reach it). */
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className={form.field}>
      <span id={`${id}-label`} className={styles.groupLabel}>
        Keep the old secret valid for
      </span>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        className={styles.choices}
      >
        {OVERLAP_CHOICES.map((choice) => (
          <label key={choice.id} className={styles.choice}>
            <input
              type="radio"
              name={`${id}-overlap`}
              value={choice.id}
              checked={value === choice.id}
              disabled={disabled}
              autoFocus={autoFocus && value === choice.id}
              onChange={() => onChange(choice.id)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className={form.hint}>
        {HINTS[value]}
      </p>
    </div>
  );
}

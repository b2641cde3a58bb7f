import { cx } from '../../lib/cx';
import styles from './button.module.css';

export type ButtonTone = 'plain' | 'primary' | 'danger' | 'warning';

/** The class names of a text button, for a <button> or a Radix part rendered as one. */
export function buttonClass(tone: ButtonTone = 'plain', size?: 'small'): string {
  return cx(styles.button, tone !== 'plain' && styles[tone], size === 'small' && styles.small);
}

import { CircleAlert } from 'lucide-react';
import styles from './FormError.module.css';

/** An error from main shown inside a form; the fields keep what the user typed. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className={styles.formError} role="alert">
      <CircleAlert aria-hidden size={16} />
      <span>{message}</span>
    </p>
  );
}

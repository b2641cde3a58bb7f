import { useId, type ReactNode } from 'react';
import styles from './Transfer.module.css';

interface Props {
  title: string;
  /** Webhooks as main names them ("API version (URL)"), or APIs. Nothing is shown when there are none. */
  names: string[];
  /** What to choose for them, under the list. */
  children?: ReactNode;
}

/** One group of an import's preview or result: its title with the count, and the names. */
export function NameList({ title, names, children }: Props) {
  const id = useId();
  if (names.length === 0) return null;
  return (
    <section className={styles.group} aria-labelledby={id}>
      <h3 id={id} className={styles.groupTitle}>
        {title} ({names.length})
      </h3>
      <ul className={styles.names}>
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      {children}
    </section>
  );
}

import { useEffect, useState } from 'react';
import styles from './Preflight.module.css';

/**
 * A check in progress: what runs and, when known, how long it may take, with a bar of the time spent against
 * that bound (without one, a bar that only says it is busy). The sentence is a live region, so a screen reader
 * hears that the check started.
 */
export function RunProgress({ label, boundSeconds }: { label: string; boundSeconds?: number }) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setElapsed((Date.now() - started) / 1000), 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className={styles.progress}>
      <p role="status">
        {label}…{boundSeconds !== undefined && ` This takes up to ${boundSeconds} s.`}
      </p>
      {boundSeconds === undefined ? (
        <progress aria-label={label} className={styles.bar} />
      ) : (
        <progress
          aria-label={label}
          max={boundSeconds}
          value={Math.min(elapsed, boundSeconds)}
          className={styles.bar}
        />
      )}
    </div>
  );
}

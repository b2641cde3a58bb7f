import { useState } from 'react';
import { reportError } from '../../stores/status';

/** A form's call to main: one at a time, its error kept for the form to show, the fields left as typed. */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return {
    pending,
    error,
    clearError: () => setError(null),
    /** Runs the action; resolves true when it succeeded. */
    async run(action: () => Promise<unknown>): Promise<boolean> {
      if (pending) return false;
      setPending(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (caught) {
        setError(reportError(caught).message);
        return false;
      } finally {
        setPending(false);
      }
    },
  };
}

import { useRef, useState } from 'react';
import { validUrl } from './UrlField';

/** The state every endpoint-URL form shares: the text, when to show rule errors, and focus on a bad submit. */
export function useUrlDraft(initial: string) {
  const [url, setUrl] = useState(initial);
  const [touched, setTouched] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  return {
    field: {
      value: url,
      onChange: setUrl,
      showError: touched,
      onBlur: () => setTouched(url.length > 0),
      inputRef,
    },
    /** The URL to submit, or null after showing why not and focusing the field. */
    take(): string | null {
      setTouched(true);
      const valid = validUrl(url);
      if (valid === null) inputRef.current?.focus();
      return valid;
    },
    reset(next: string) {
      setUrl(next);
      setTouched(false);
    },
  };
}

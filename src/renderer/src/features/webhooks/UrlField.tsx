import { ShieldAlert } from 'lucide-react';
import { useId, type Ref } from 'react';
import { checkEndpointUrl } from '../../../../shared/url-rule';
import form from '../common/form.module.css';

interface Props {
  value: string;
  onChange(value: string): void;
  /** Show a rule violation (after the field was left once, or on submit). */
  showError: boolean;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The endpoint URL with the one shared URL rule applied as the user types. */
export function UrlField({ value, onChange, showError, onBlur, inputRef }: Props) {
  const id = useId();
  const check = checkEndpointUrl(value.trim());
  const error = showError && !check.ok ? check.reason : null;
  const insecure = check.ok && check.insecure;
  const describedBy = error ? `${id}-error` : insecure ? `${id}-http` : `${id}-hint`;

  return (
    <div className={form.field}>
      <label htmlFor={id}>Endpoint URL</label>
      <input
        id={id}
        className={form.control}
        ref={inputRef}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://api.example.com/webhooks"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={`${id}-error`} className={form.error}>
          {error}
        </p>
      ) : insecure ? (
        <p id={`${id}-http`} className={form.warning}>
          <ShieldAlert aria-hidden size={16} />
          <span>
            This URL uses HTTP, so deliveries travel unencrypted. Use HTTPS for anything but local testing.
          </span>
        </p>
      ) : (
        <p id={`${id}-hint`} className={form.hint}>
          Where Hookwarden sends events. HTTPS is recommended.
        </p>
      )}
    </div>
  );
}

/** The URL to send, or null when the shared rule rejects it. */
export function validUrl(value: string): string | null {
  const check = checkEndpointUrl(value.trim());
  return check.ok ? check.url : null;
}

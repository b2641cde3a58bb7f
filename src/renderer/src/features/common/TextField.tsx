import { useId } from 'react';
import form from './form.module.css';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** A rule violation to show instead of the hint. */
  error: string | null;
  hint?: string;
  placeholder?: string;
  /** 'password' for a passphrase: shown as dots. */
  type?: 'text' | 'password';
}

/** A labelled text input whose hint or error is tied to it with aria-describedby. */
export function TextField({ label, value, onChange, error, hint, placeholder, type = 'text' }: Props) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className={form.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        className={form.control}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
      />
      {note && (
        <p id={`${id}-note`} className={error ? form.error : form.hint}>
          {note}
        </p>
      )}
    </div>
  );
}

import { useId } from 'react';
import { SCHEME_LABELS, SIGNATURE_SCHEMES, type SignatureScheme } from '../../../../shared/domain';
import form from '../common/form.module.css';

const HINTS: Record<SignatureScheme, string> = {
  mindee: 'X-Mindee-Hmac-Signature: hex HMAC-SHA256 of the body.',
  'standard-webhooks': 'webhook-id, webhook-timestamp and webhook-signature (v1, base64).',
  stripe: 'Stripe-Signature: t=<time>,v1=<hex HMAC-SHA256 of "t.body">.',
  github: 'X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>.',
};

const isScheme = (value: string): value is SignatureScheme =>
  (SIGNATURE_SCHEMES as readonly string[]).includes(value);

/** The combobox "Signature scheme", with a line saying which headers the chosen scheme sends. */
export function SchemeSelect({
  value,
  onChange,
}: {
  value: SignatureScheme;
  onChange(next: SignatureScheme): void;
}) {
  const id = useId();
  return (
    <div className={form.field}>
      <label htmlFor={id}>Signature scheme</label>
      <select
        id={id}
        className={form.control}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => isScheme(event.target.value) && onChange(event.target.value)}
      >
        {SIGNATURE_SCHEMES.map((scheme) => (
          <option key={scheme} value={scheme}>
            {SCHEME_LABELS[scheme]}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className={form.hint}>
        {HINTS[value]}
      </p>
    </div>
  );
}

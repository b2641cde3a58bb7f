import { KeyRound, Stethoscope } from 'lucide-react';
import { useId, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { DOCTOR_REQUEST_MAX_CHARS, MAX_TOLERANCE_SECONDS } from '../../../../shared/doctor';
import { SCHEME_LABELS, SIGNATURE_SCHEMES, type SignatureScheme } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { PASTED_SECRET, useDoctor } from '../../stores/doctor';
import { buttonClass } from '../common/button';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { diagnosePastedRequest } from './actions';
import styles from './Doctor.module.css';
import { WebhookOptions } from './WebhookOptions';

const DETECT = 'detect';

const isScheme = (value: string): value is SignatureScheme =>
  (SIGNATURE_SCHEMES as readonly string[]).includes(value);

type FieldErrors = Partial<Record<'request' | 'secret' | 'tolerance' | 'receivedAt', string>>;

const without = (errors: FieldErrors, field: keyof FieldErrors): FieldErrors => ({
  ...errors,
  [field]: undefined,
});

const EXAMPLE = `POST /webhooks HTTP/1.1
Content-Type: application/json
Stripe-Signature: t=1764300000,v1=5257a8…

{"id":"evt_1","type":"charge.succeeded"}`;

/**
 * The doctor's form: "Request" (a raw HTTP request or a curl command, as pasted), "Check against" (a webhook of
 * any API, or "A secret I paste", which shows the secret's field), "Scheme" ("Detect from headers" unless
 * chosen), "Tolerance (s)" and "Received at" (empty: now) for the timestamp, and "Diagnose" (also Ctrl+Enter in the
 * request).
 *
 * The pasted secret stays in this component's state only (and in its field, never in the page's HTML): it is
 * sent with the diagnosis and forgotten when the user chooses a webhook instead or leaves the page.
 */
export function DoctorForm() {
  const draft = useDoctor((state) => state.draft);
  const targets = useDoctor((state) => state.targets);
  const targetsStatus = useDoctor((state) => state.targetsStatus);
  const targetsError = useDoctor((state) => state.targetsError);
  const edit = useDoctor((state) => state.editDraft);
  const [secret, setSecret] = useState('');
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const submit = useSubmit();
  const id = useId();

  // Until the user chooses, the first webhook (or, with none, a pasted secret).
  const against =
    draft.against !== ''
      ? draft.against
      : targetsStatus === 'ready' || targetsStatus === 'error'
        ? (targets[0]?.webhookId ?? PASTED_SECRET)
        : '';
  const pasting = against === PASTED_SECRET;

  const change = (next: Partial<typeof draft>, field?: keyof FieldErrors) => {
    edit(next);
    submit.clearError();
    if (field) setInvalid((errors) => without(errors, field));
  };

  const diagnose = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (draft.request.trim() === '') errors.request = 'Paste a raw HTTP request or a curl command.';
    if (pasting && secret === '') errors.secret = 'Paste the secret to check against.';
    const tolerance = draft.tolerance.trim() === '' ? undefined : Number(draft.tolerance);
    if (
      tolerance !== undefined &&
      (!Number.isInteger(tolerance) || tolerance < 1 || tolerance > MAX_TOLERANCE_SECONDS)
    )
      errors.tolerance = `Enter a whole number of seconds from 1 to ${MAX_TOLERANCE_SECONDS}.`;
    // A datetime-local value is this computer's local time.
    const receivedAt = draft.receivedAt === '' ? undefined : new Date(draft.receivedAt);
    if (receivedAt !== undefined && Number.isNaN(receivedAt.getTime()))
      errors.receivedAt = 'Enter a date and time, or leave it empty for now.';
    if (against === '') return; // the webhooks are still loading
    setInvalid(errors);
    if (Object.keys(errors).length > 0) return;
    const input: ChannelInput<'doctor.diagnose'> = {
      request: draft.request,
      against: pasting ? { secret } : { webhookId: against },
      ...(draft.scheme !== null && { scheme: draft.scheme }),
      ...(tolerance !== undefined && { toleranceSeconds: tolerance }),
      ...(receivedAt !== undefined && { receivedAt: receivedAt.toISOString() }),
    };
    await submit.run(() => diagnosePastedRequest(input));
  };

  const secretChanged = (next: string) => {
    setSecret(next);
    useDoctor.getState().diagnosed(null);
    submit.clearError();
    setInvalid((errors) => without(errors, 'secret'));
  };

  // A password field drops line breaks, yet a secret with one is a classic mistake the doctor names: a paste
  // that has one is kept exactly as pasted.
  const pasteSecret = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[\r\n]/.test(pasted)) return;
    event.preventDefault();
    const field = event.currentTarget;
    const { value, selectionStart, selectionEnd } = field;
    const next =
      value.slice(0, selectionStart ?? value.length) + pasted + value.slice(selectionEnd ?? value.length);
    field.value = next; // shown without the line break; kept with it below
    secretChanged(next);
  };

  const submitOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };

  // Main's answer when it cannot read the paste (or refuses the input) is shown by the request.
  const requestError = invalid.request ?? submit.error;
  const note = (field: keyof FieldErrors, error: string | null | undefined, hint?: string) => {
    const text = error ?? hint;
    return text ? (
      <p
        id={`${id}-${field}-note`}
        className={error ? form.error : form.hint}
        role={error ? 'alert' : undefined}
      >
        {text}
      </p>
    ) : null;
  };
  const describedBy = (field: keyof FieldErrors, hasNote: boolean) =>
    hasNote ? `${id}-${field}-note` : undefined;

  return (
    <form className={styles.form} onSubmit={(event) => void diagnose(event)} noValidate>
      <div className={form.field}>
        <label htmlFor={`${id}-request`}>Request</label>
        <textarea
          id={`${id}-request`}
          className={cx(form.control, styles.request)}
          value={draft.request}
          rows={8}
          maxLength={DOCTOR_REQUEST_MAX_CHARS}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          placeholder={EXAMPLE}
          onChange={(event) => change({ request: event.target.value }, 'request')}
          onKeyDown={submitOnCtrlEnter}
          aria-invalid={requestError ? true : undefined}
          aria-describedby={`${id}-request-note`}
        />
        {note(
          'request',
          requestError,
          'A raw HTTP request (request line, headers, a blank line, the body) or a curl command, as copied.',
        )}
      </div>
      <div className={styles.fields}>
        <div className={cx(form.field, styles.against)}>
          <label htmlFor={`${id}-against`}>Check against</label>
          <select
            id={`${id}-against`}
            className={form.control}
            value={against}
            onChange={(event) => {
              change({ against: event.target.value });
              // A secret pasted earlier is forgotten as soon as it is not what is checked.
              if (event.target.value !== PASTED_SECRET) setSecret('');
              setInvalid((errors) => without(errors, 'secret'));
            }}
            aria-describedby={targetsError ? `${id}-against-note` : undefined}
          >
            {against === '' && (
              <option value="" disabled>
                Loading webhooks…
              </option>
            )}
            <WebhookOptions />
            <option value={PASTED_SECRET}>A secret I paste</option>
          </select>
          {targetsError && (
            <p id={`${id}-against-note`} className={form.error}>
              The webhooks could not be read: {targetsError}
            </p>
          )}
        </div>
        <div className={cx(form.field, styles.scheme)}>
          <label htmlFor={`${id}-scheme`}>Scheme</label>
          <select
            id={`${id}-scheme`}
            className={form.control}
            value={draft.scheme ?? DETECT}
            onChange={(event) => change({ scheme: isScheme(event.target.value) ? event.target.value : null })}
          >
            <option value={DETECT}>Detect from headers</option>
            {SIGNATURE_SCHEMES.map((scheme) => (
              <option key={scheme} value={scheme}>
                {SCHEME_LABELS[scheme]}
              </option>
            ))}
          </select>
        </div>
        <div className={cx(form.field, styles.tolerance)}>
          <label htmlFor={`${id}-tolerance`}>Tolerance (s)</label>
          <input
            id={`${id}-tolerance`}
            className={form.control}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_TOLERANCE_SECONDS}
            step={1}
            value={draft.tolerance}
            onChange={(event) => change({ tolerance: event.target.value }, 'tolerance')}
            aria-invalid={invalid.tolerance ? true : undefined}
            aria-describedby={describedBy('tolerance', invalid.tolerance !== undefined)}
          />
          {note('tolerance', invalid.tolerance)}
        </div>
        <div className={cx(form.field, styles.receivedAt)}>
          <label htmlFor={`${id}-received-at`}>Received at</label>
          <input
            id={`${id}-received-at`}
            className={form.control}
            type="datetime-local"
            step={1}
            value={draft.receivedAt}
            onChange={(event) => change({ receivedAt: event.target.value }, 'receivedAt')}
            aria-invalid={invalid.receivedAt ? true : undefined}
            aria-describedby={`${id}-receivedAt-note`}
          />
          {note('receivedAt', invalid.receivedAt, 'Empty: now.')}
        </div>
      </div>
      {pasting && (
        <div className={cx(form.field, styles.secret)}>
          <label htmlFor={`${id}-secret`}>
            <KeyRound aria-hidden size={14} />
            Secret
          </label>
          <input
            id={`${id}-secret`}
            className={cx(form.control, styles.secretInput)}
            type="password"
            // Not controlled: React would copy a controlled value into the element's value attribute, and the
            // secret would then be in the page's HTML.
            defaultValue=""
            autoComplete="off"
            spellCheck={false}
            onPaste={pasteSecret}
            onChange={(event) => secretChanged(event.target.value)}
            aria-invalid={invalid.secret ? true : undefined}
            aria-describedby={`${id}-secret-note`}
          />
          {note(
            'secret',
            invalid.secret,
            `${/[\r\n]/.test(secret) ? 'Line break kept: it is checked exactly as pasted. ' : ''}Paste it exactly as your receiver holds it. It is used for this check only: never saved, and forgotten when you leave this page.`,
          )}
        </div>
      )}
      <div className={styles.submit}>
        <button type="submit" className={buttonClass('primary')} aria-busy={submit.pending || undefined}>
          <Stethoscope aria-hidden size={16} />
          Diagnose
        </button>
        {submit.pending && <span className={styles.pending}>Diagnosing…</span>}
      </div>
    </form>
  );
}

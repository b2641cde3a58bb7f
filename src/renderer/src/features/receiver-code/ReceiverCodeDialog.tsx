import * as Dialog from '@radix-ui/react-dialog';
import { Copy, FileCode, KeyRound } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { SCHEME_LABELS, type WebhookView } from '../../../../shared/domain';
import {
  RECEIVER_LANGUAGES,
  RECEIVER_LANGUAGE_LABELS,
  type ReceiverEnvVar,
  type ReceiverLanguage,
} from '../../../../shared/receiver-code';
import { cx } from '../../lib/cx';
import { toUiError } from '../../lib/errors';
import { buttonClass } from '../common/button';
import dialog from '../common/dialog.module.css';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { WebhookName } from '../rotation/WebhookName';
import { copyReceiverCode, copyReceiverEnv, loadReceiverCode, type ReceiverCodeView } from './actions';
import styles from './ReceiverCode.module.css';

interface Props {
  webhook: WebhookView;
  open: boolean;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus?: (event: Event) => void;
}

const isLanguage = (value: string): value is ReceiverLanguage =>
  (RECEIVER_LANGUAGES as readonly string[]).includes(value);

/** Where the code's secrets come from: one variable, or during a rotation two, accepted until the overlap ends. */
function EnvNote({ env }: { env: ReceiverEnvVar[] }) {
  const [first, second] = env;
  if (!first) return null;
  if (!second)
    return (
      <p className={styles.note}>
        <KeyRound aria-hidden size={16} />
        <span>
          The code reads the signing secret from <code>{first.name}</code>, never from the code itself. “Copy
          .env line” copies <code>{first.name}=…</code> with the secret for your receiver’s <code>.env</code>{' '}
          file; the clipboard is cleared soon after, as for a copied secret.
        </span>
      </p>
    );
  return (
    <p className={styles.note}>
      <KeyRound aria-hidden size={16} />
      <span>
        A secret rotation is in progress: the code accepts both secrets until the overlap ends.{' '}
        <code>{first.name}</code> holds the new secret, <code>{second.name}</code> the{' '}
        {second.role === 'current' ? 'current' : 'previous'} one. “Copy .env line” copies both lines; remove{' '}
        <code>{second.name}</code> once the overlap has ended.
      </span>
    </p>
  );
}

/**
 * "Receiver code": code that verifies this webhook's signatures in the chosen language (main makes it for the
 * webhook's scheme, URL path and rotation; it holds no secret), its file name and run line, "Copy code" and
 * "Copy .env line" (main copies; the secrets never reach the renderer).
 */
export function ReceiverCodeDialog({ webhook, open, onOpenChange, onCloseAutoFocus }: Props) {
  const [language, setLanguage] = useState<ReceiverLanguage>('node-express');
  const [view, setView] = useState<ReceiverCodeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copying, setCopying] = useState<'code' | 'env' | null>(null);
  const languageId = useId();
  const codeId = useId();
  const id = webhook.id;
  const phase = webhook.rotation?.phase;

  // Asked again when the language changes, and when the webhook does under the dialog (a rotation ending).
  useEffect(() => {
    let wanted = true;
    loadReceiverCode(id, language).then(
      (answer) => {
        if (!wanted) return;
        setView(answer);
        setError(null);
      },
      (failure: unknown) => wanted && setError(toUiError(failure).message),
    );
    return () => {
      wanted = false;
    };
  }, [id, language, webhook.scheme, webhook.url, phase]);

  // Not disabled while copying, so the focus stays on the button; a second press meanwhile does nothing.
  const copy = async (what: 'code' | 'env') => {
    if (copying) return;
    setCopying(what);
    try {
      await (what === 'code' ? copyReceiverCode(id, language) : copyReceiverEnv(id));
    } finally {
      setCopying(null);
    }
  };

  const loading = view?.language !== language && error === null;
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Receiver code"
      description={
        <>
          Verifies the {SCHEME_LABELS[webhook.scheme]} signatures of <WebhookName webhook={webhook} />.
        </>
      }
      wide
    >
      <div className={form.field}>
        <label htmlFor={languageId}>Language</label>
        <select
          id={languageId}
          className={cx(form.control, styles.language)}
          value={language}
          onChange={(event) => isLanguage(event.target.value) && setLanguage(event.target.value)}
        >
          {RECEIVER_LANGUAGES.map((choice) => (
            <option key={choice} value={choice}>
              {RECEIVER_LANGUAGE_LABELS[choice]}
            </option>
          ))}
        </select>
      </div>
      <FormError message={error} />
      {view ? (
        <>
          <div className={styles.file} aria-busy={loading}>
            <p className={styles.filename}>
              <FileCode aria-hidden size={16} />
              <code id={codeId} data-receiver-filename>
                {view.filename}
              </code>
            </p>
            {/* Focusable, so the keyboard can scroll it; the text can be selected as usual. */}
            <pre className={styles.code} tabIndex={0} aria-labelledby={codeId} data-receiver-code>
              <code>{view.code}</code>
            </pre>
          </div>
          <div className={styles.run}>
            <h3 className={styles.heading}>Run</h3>
            <pre className={styles.runLine} data-receiver-run>
              <code>{view.run}</code>
            </pre>
          </div>
          <EnvNote env={view.env} />
        </>
      ) : (
        error === null && <p className={styles.loading}>Loading the code…</p>
      )}
      <div className={dialog.actions}>
        <button
          type="button"
          className={buttonClass()}
          onClick={() => void copy('env')}
          disabled={view === null}
          aria-busy={copying === 'env'}
        >
          <KeyRound aria-hidden size={16} />
          Copy .env line
        </button>
        <button
          type="button"
          className={buttonClass()}
          onClick={() => void copy('code')}
          disabled={view === null}
          aria-busy={copying === 'code'}
        >
          <Copy aria-hidden size={16} />
          Copy code
        </button>
        <Dialog.Close className={buttonClass('primary')}>Done</Dialog.Close>
      </div>
    </FormDialog>
  );
}

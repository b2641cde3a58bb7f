import * as Dialog from '@radix-ui/react-dialog';
import { FileJson } from 'lucide-react';
import { Suspense, lazy, useId, useRef, useState, type FormEvent } from 'react';
import { payloadJsonProblem, type PayloadTemplate } from '../../../../shared/delivery';
import type { WebhookView } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { useApis } from '../../stores/apis';
import { reportError } from '../../stores/status';
import { buttonClass } from '../common/button';
import { ConfirmDialog } from '../common/ConfirmDialog';
import dialog from '../common/dialog.module.css';
import form from '../common/form.module.css';
import { FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import text from '../common/text.module.css';
import { useSubmit } from '../common/useSubmit';
import { loadTemplate, resetTemplate, saveTemplate } from './actions';
import styles from './PayloadDialog.module.css';

// CodeMirror is loaded when the editor first opens, not with the first screen.
const JsonEditor = lazy(() => import('./JsonEditor').then((module) => ({ default: module.JsonEditor })));

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; template: PayloadTemplate };

/**
 * "Edit test payload": the JSON the API version's test deliveries send, in a JSON editor that marks syntax
 * errors inline. Invalid JSON (or anything but an object) cannot be saved; "Reset to default" goes back to
 * the built-in example.
 */
export function PayloadDialog({ webhook }: { webhook: WebhookView }) {
  const apiName = useApis((state) => state.apis.find((api) => api.id === webhook.apiId)?.name ?? 'this API');
  const ref = { apiId: webhook.apiId, version: webhook.version };
  const label = `${apiName} ${webhook.version}`;
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [draft, setDraft] = useState('');
  // Bumped to give the editor a new document (on load and reset).
  const [docVersion, setDocVersion] = useState(0);
  const submission = useSubmit();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problemId = useId();
  const problem = loaded.status === 'ready' ? payloadJsonProblem(draft) : null;

  const showTemplate = (template: PayloadTemplate) => {
    setLoaded({ status: 'ready', template });
    setDraft(template.json);
    setDocVersion((n) => n + 1);
  };

  const changeOpen = (next: boolean) => {
    setOpen(next);
    if (!next) return;
    submission.clearError();
    setLoaded({ status: 'loading' });
    loadTemplate(ref).then(showTemplate, (error: unknown) =>
      setLoaded({ status: 'error', message: reportError(error).message }),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null) return;
    if (await submission.run(() => saveTemplate(ref, draft, label))) setOpen(false);
  };

  // Asked first ("Reset test payload?"): the saved payload is gone once reset.
  const reset = async () => showTemplate(await resetTemplate(ref));
  const focusEditor = (event: Event) => {
    event.preventDefault();
    formRef.current?.querySelector<HTMLElement>('[contenteditable="true"], textarea, button')?.focus();
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      wide
      title="Edit test payload"
      description={`The JSON every test delivery of ${apiName} ${webhook.version} sends. Saving it replaces the built-in example for this version.`}
      trigger={
        <button type="button" className={buttonClass()}>
          <FileJson aria-hidden size={16} />
          Edit test payload
        </button>
      }
    >
      {loaded.status === 'loading' && (
        <p className={text.muted} role="status">
          Loading the test payload…
        </p>
      )}
      {loaded.status === 'error' && (
        <FormError message={`The test payload could not be loaded: ${loaded.message}`} />
      )}
      {loaded.status === 'ready' && (
        <form ref={formRef} className={form.form} onSubmit={submit} noValidate>
          <p className={form.hint}>
            {loaded.template.custom
              ? 'Your saved payload.'
              : 'The built-in example (fresh ids and times on each send until you save your own).'}
          </p>
          <Suspense fallback={<p className={text.muted}>Loading the editor…</p>}>
            <JsonEditor
              initial={loaded.template.json}
              version={docVersion}
              onChange={setDraft}
              label="Test payload JSON"
              describedBy={problemId}
            />
          </Suspense>
          <p id={problemId} className={form.error} aria-live="polite">
            {problem}
          </p>
          <FormError message={submission.error} />
          <div className={dialog.actions}>
            <button
              type="button"
              className={cx(buttonClass(), styles.reset)}
              onClick={() => setConfirmingReset(true)}
              disabled={!loaded.template.custom || submission.pending}
            >
              Reset to default
            </button>
            <Dialog.Close className={buttonClass()} type="button">
              Cancel
            </Dialog.Close>
            <button
              type="submit"
              className={buttonClass('primary')}
              disabled={problem !== null || submission.pending}
              aria-busy={submission.pending}
            >
              Save
            </button>
          </div>
          <ConfirmDialog
            open={confirmingReset}
            onOpenChange={setConfirmingReset}
            onCloseAutoFocus={focusEditor}
            title="Reset test payload?"
            description={
              <p>
                Your saved payload for {label} is replaced by the built-in example. This cannot be undone.
              </p>
            }
            confirmLabel="Reset to default"
            destructive
            onConfirm={reset}
          />
        </form>
      )}
    </FormDialog>
  );
}

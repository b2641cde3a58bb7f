import * as Collapsible from '@radix-ui/react-collapsible';
import { ChevronRight, Plus } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_SCHEME, type Api, type SignatureScheme } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { buttonClass } from '../common/button';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import styles from './CreateWebhookDialog.module.css';
import { createWebhook } from './actions';
import { SchemeSelect } from './SchemeSelect';
import { UrlField } from './UrlField';
import { useUrlDraft } from './useUrlDraft';

/**
 * "Create a new webhook": the endpoint section (product version, URL) is always in view; the collapsed
 * "Advanced" section below it holds the signature scheme (Mindee unless the user picks another).
 */
export function CreateWebhookDialog({ api }: { api: Api }) {
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(api.versions[0] ?? '');
  const [scheme, setScheme] = useState<SignatureScheme>(DEFAULT_SCHEME);
  const [advanced, setAdvanced] = useState(false);
  const url = useUrlDraft('');
  const submission = useSubmit();
  const versionId = useId();

  const changeOpen = (next: boolean) => {
    if (next) {
      setVersion(api.versions[0] ?? '');
      url.reset('');
      setScheme(DEFAULT_SCHEME);
      setAdvanced(false);
      submission.clearError();
    }
    setOpen(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = url.take();
    if (endpoint === null) return;
    if (await submission.run(() => createWebhook({ apiId: api.id, version, url: endpoint, scheme }))) {
      setOpen(false);
    }
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      title="Create a new webhook"
      description="Hookwarden generates a signing secret for it and keeps it in your system keychain."
      trigger={
        <button type="button" className={buttonClass('primary')} data-create-webhook>
          <Plus aria-hidden size={16} />
          Create a new webhook
        </button>
      }
    >
      <form className={form.form} onSubmit={submit} noValidate>
        <section className={styles.section} aria-label="Endpoint">
          <div className={form.field}>
            <label htmlFor={versionId}>Product version</label>
            <select
              id={versionId}
              className={form.control}
              value={version}
              onChange={(event) => setVersion(event.target.value)}
            >
              {api.versions.map((label) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <UrlField {...url.field} />
        </section>
        <Collapsible.Root open={advanced} onOpenChange={setAdvanced} asChild>
          <section className={cx(styles.section, styles.advanced)} aria-label="Advanced">
            <Collapsible.Trigger type="button" className={styles.disclosure}>
              <ChevronRight aria-hidden size={16} className={styles.disclosureIcon} />
              Advanced
            </Collapsible.Trigger>
            <Collapsible.Content className={styles.section}>
              <SchemeSelect value={scheme} onChange={setScheme} />
            </Collapsible.Content>
          </section>
        </Collapsible.Root>
        <FormError message={submission.error} />
        <FormActions submitLabel="Create new webhook" pending={submission.pending} />
      </form>
    </FormDialog>
  );
}

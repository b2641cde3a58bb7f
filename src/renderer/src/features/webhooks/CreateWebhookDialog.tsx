import * as Collapsible from '@radix-ui/react-collapsible';
import { ChevronRight, Stethoscope, TriangleAlert } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_SCHEME, type Api, type SignatureScheme } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import { buttonClass } from '../common/button';
import { FormDialog } from '../common/FormDialog';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import form from '../common/form.module.css';
import { useSubmit } from '../common/useSubmit';
import { EndpointCheckDialog } from '../preflight/EndpointCheckDialog';
import styles from './CreateWebhookDialog.module.css';
import { createWebhook, sameEndpoint } from './actions';
import { DescriptionField, descriptionProblem } from './DescriptionField';
import { headerInputs, headersProblem, type HeaderDraft } from './header-drafts';
import { HeadersEditor } from './HeadersEditor';
import { SchemeSelect } from './SchemeSelect';
import { UrlField, validUrl } from './UrlField';
import { useUrlDraft } from './useUrlDraft';

interface Props {
  api: Api;
  onOpenChange(open: boolean): void;
  onCloseAutoFocus(event: Event): void;
}

/**
 * "Create a new webhook": the endpoint section (product version, URL) is always in view; the collapsed
 * "Advanced" section below it holds the signature scheme (Mindee unless the user picks another), the
 * description and the custom headers. A second webhook with the same version and URL asks once more. Mounted
 * open (WebhooksPage renders it while it is open), so every opening starts from an empty form.
 */
export function CreateWebhookDialog({ api, onOpenChange, onCloseAutoFocus }: Props) {
  const [version, setVersion] = useState(api.versions[0] ?? '');
  const [scheme, setScheme] = useState<SignatureScheme>(DEFAULT_SCHEME);
  const [advanced, setAdvanced] = useState(false);
  const [description, setDescription] = useState('');
  const [headers, setHeaders] = useState<HeaderDraft[]>([]);
  const [headersError, setHeadersError] = useState<string | null>(null);
  /** The version and URL the user was warned about: submitting them again creates the second webhook. */
  const [duplicate, setDuplicate] = useState<{ version: string; url: string } | null>(null);
  /** The URL "Check endpoint" checked last, and whether its dialog is open. */
  const [checking, setChecking] = useState<{ url: string; open: boolean } | null>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const url = useUrlDraft('');
  const submission = useSubmit();
  const versionId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = url.take();
    if (endpoint === null) return;
    if (descriptionProblem(description) !== null) return setAdvanced(true);
    const inputs = headerInputs(headers);
    const problem = headersProblem(inputs);
    setHeadersError(problem);
    if (problem !== null) return setAdvanced(true);
    const warned = duplicate !== null && duplicate.version === version && duplicate.url === endpoint;
    if (!warned && sameEndpoint(api.id, version, endpoint)) {
      setDuplicate({ version, url: endpoint });
      return;
    }
    const input = {
      apiId: api.id,
      version,
      url: endpoint,
      scheme,
      ...(description.trim() !== '' && { description: description.trim() }),
    };
    if (await submission.run(() => createWebhook(input, inputs))) onOpenChange(false);
  };
  const warning =
    duplicate !== null && duplicate.version === version && validUrl(url.field.value) === duplicate.url
      ? duplicate
      : null;

  return (
    <FormDialog
      open
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      wide
      title="Create a new webhook"
      description="Hookwarden generates a signing secret for it and keeps it in your system keychain."
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
          <button
            type="button"
            className={cx(buttonClass('plain', 'small'), styles.check)}
            ref={checkButton}
            onClick={() => {
              const endpoint = url.take();
              if (endpoint !== null) setChecking({ url: endpoint, open: true });
            }}
          >
            <Stethoscope aria-hidden size={14} />
            Check endpoint
          </button>
        </section>
        <Collapsible.Root open={advanced} onOpenChange={setAdvanced} asChild>
          <section className={cx(styles.section, styles.advanced)} aria-label="Advanced">
            <Collapsible.Trigger type="button" className={styles.disclosure}>
              <ChevronRight aria-hidden size={16} className={styles.disclosureIcon} />
              Advanced
            </Collapsible.Trigger>
            <Collapsible.Content className={styles.section}>
              <SchemeSelect value={scheme} onChange={setScheme} />
              <DescriptionField value={description} onChange={setDescription} />
              <HeadersEditor
                value={headers}
                onChange={(next) => {
                  setHeaders(next);
                  setHeadersError(null);
                }}
              />
              <FormError message={headersError} />
            </Collapsible.Content>
          </section>
        </Collapsible.Root>
        {warning && (
          <p className={form.warning} role="alert">
            <TriangleAlert aria-hidden size={16} />
            <span>
              A webhook for {warning.version} already sends to {warning.url}. Each would get every event:
              choose “Create anyway” to add a second one.
            </span>
          </p>
        )}
        <FormError message={submission.error} />
        <FormActions
          submitLabel={warning ? 'Create anyway' : 'Create new webhook'}
          pending={submission.pending}
        />
      </form>
      {checking !== null && (
        <EndpointCheckDialog
          open={checking.open}
          onOpenChange={(open) => setChecking({ ...checking, open })}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            checkButton.current?.focus();
          }}
          url={checking.url}
          target={{ url: checking.url, scheme }}
          note={
            <p className={form.hint}>
              No signed test delivery yet: the webhook has no signing secret until it is created. Once it is,
              “Check endpoint” in its row’s menu checks the response too.
            </p>
          }
        />
      )}
    </FormDialog>
  );
}

/**
 * The custom headers editor's rows, and how they become what main takes. A secret header's value is never read
 * back from main: its row starts empty, and left empty it keeps the stored value.
 */
import { customHeadersInputSchema, type CustomHeader, type WebhookView } from '../../../../shared/domain';
import { issueText } from '../../../../shared/zod-issues';
import type { HeaderInput } from './actions';

export interface HeaderDraft {
  key: number;
  name: string;
  value: string;
  secret: boolean;
  /** The name of the secret header main holds a value for, when the row started as one. */
  storedSecretName: string | null;
}

let nextKey = 1;

export const emptyHeader = (): HeaderDraft => ({
  key: nextKey++,
  name: '',
  value: '',
  secret: false,
  storedSecretName: null,
});

export function headerDrafts(headers: readonly CustomHeader[] | undefined): HeaderDraft[] {
  return (headers ?? []).map((header) => ({
    key: nextKey++,
    name: header.name,
    value: header.secret ? '' : header.value,
    secret: header.secret,
    storedSecretName: header.secret ? header.name : null,
  }));
}

/** True when main holds a value this row keeps while its value field is left empty. */
export function keepsStoredValue(draft: HeaderDraft): boolean {
  return (
    draft.secret &&
    draft.storedSecretName !== null &&
    draft.storedSecretName.toLowerCase() === draft.name.trim().toLowerCase()
  );
}

/** The rows as main takes them; a row with neither name nor value is left out. */
export function headerInputs(drafts: readonly HeaderDraft[]): HeaderInput[] {
  return drafts
    .filter((draft) => draft.name.trim() !== '' || draft.value !== '')
    .map((draft) => {
      const name = draft.name.trim();
      if (keepsStoredValue(draft) && draft.value === '') return { name, secret: true };
      return { name, secret: draft.secret, value: draft.value };
    });
}

/** Main's own rule for the headers, checked before a create: the first problem, or null. */
export function headersProblem(headers: HeaderInput[]): string | null {
  const parsed = customHeadersInputSchema.safeParse(headers);
  if (parsed.success) return null;
  const [issue] = parsed.error.issues;
  return issue ? issueText(issue, 'headers') : 'The custom headers are not valid.';
}

/** Whether the rows change what main holds (a typed secret value always does). */
export function headersChanged(webhook: WebhookView, headers: HeaderInput[]): boolean {
  const before = webhook.headers ?? [];
  if (before.length !== headers.length) return true;
  return headers.some((header, index) => {
    const old = before[index];
    if (!old || old.name !== header.name || old.secret !== header.secret) return true;
    return header.secret ? header.value !== undefined : old.value !== header.value;
  });
}

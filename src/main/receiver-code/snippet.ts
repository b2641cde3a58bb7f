/**
 * What every language's generator shares: its input and output, and how the variants' lines are put together.
 * The templates are functions, not module constants, so mutation testing can credit each one to the tests
 * that generate it (a mutant in module-level code would run every test).
 */
import type { SignatureScheme } from '../../shared/domain';

import { PREVIOUS_SECRET_ENV, SECRET_ENV } from '../../shared/receiver-code';

export { PREVIOUS_SECRET_ENV, SECRET_ENV };

/** A generator's input: the path is safe to put inside a string literal of any of the languages. */
export interface SnippetInput {
  scheme: SignatureScheme;
  secretCount: 1 | 2;
  path: string;
}

export interface Snippet {
  filename: string;
  code: string;
  run: string;
}

/** Lines joined with newlines; `false` and `undefined` drop out (the lines only some variants have). */
export function lines(...parts: (string | false | undefined)[]): string {
  return `${parts.filter((part): part is string => typeof part === 'string').join('\n')}\n`;
}

/** The first line of every snippet says what it verifies. */
export const SCHEME_TITLES: Record<SignatureScheme, string> = {
  mindee: 'Mindee signatures (X-Mindee-Hmac-Signature)',
  'standard-webhooks': 'Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature)',
  stripe: 'Stripe signatures (Stripe-Signature)',
  github: 'GitHub signatures (X-Hub-Signature-256)',
};

/** The comment above the two secrets a rotation's code reads, behind the language's comment marker. */
export function rotationComment(marker: '//' | '#'): string {
  return `${marker} During a rotation both secrets are valid: the new one and the one it replaces (unset that one afterwards).`;
}

/** How long a timestamped signature stays valid, in seconds (the official libraries' 5 minutes). */
export const TOLERANCE_SECONDS = 300;

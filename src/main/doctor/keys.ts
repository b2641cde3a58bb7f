/**
 * The secret rules: the key each scheme derives from a secret, and the keys that common mistakes with a
 * secret derive instead. Explanations name a secret by its label, never by its value.
 */
import { SECRET_PREFIX, SCHEME_LABELS, type SignatureScheme } from '../../shared/domain';
import { standardWebhooksKey } from '../deliveries/signing';
import { isStrictBase64 } from './base64';
import { explanation, type Explanation } from './explanation';
import type { DoctorCandidate } from './types';

export type Key = string | Buffer;

const afterPrefix = (secret: string) =>
  secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;

/** The key the scheme derives from a secret; null when its reference library refuses the secret. */
export function schemeKey(scheme: SignatureScheme, secret: string): Key | null {
  if (scheme !== 'standard-webhooks') return secret;
  // The reference library skips whitespace after the base64 (a newline from a file or an .env line).
  return isStrictBase64(afterPrefix(secret).trimEnd()) ? standardWebhooksKey(secret) : null;
}

export interface KeyRule {
  id: string;
  /** The keys this mistake derives from a secret, each labelled for the match; none when it can't apply. */
  keys(scheme: SignatureScheme, secret: string): { key: Key; label: string }[];
  explain(scheme: SignatureScheme, candidate: DoctorCandidate): Explanation;
}

/** The scheme's key of a corrected secret, if it has one. */
function corrected(scheme: SignatureScheme, secret: string, label: string): { key: Key; label: string }[] {
  const key = schemeKey(scheme, secret);
  return key === null ? [] : [{ key, label }];
}

const QUOTED = /^(['"])(.*)\1$/s;

export const KEY_RULES: readonly KeyRule[] = [
  {
    id: 'secret-whitespace',
    keys: (scheme, secret) =>
      secret.trim() === secret ? [] : corrected(scheme, secret.trim(), 'secret trimmed of whitespace'),
    explain: (_scheme, { label, secret }) => {
      const what = /[\r\n]/.test(secret) ? 'a newline' : 'spaces';
      return explanation('secret-whitespace', `${label} has ${what} around it`, {
        title: `The secret has ${what} around it`,
        detail: `The signature matches ${label} without the leading or trailing ${what}: the secret was pasted or read from a file or environment variable with ${what}.`,
        fix: 'Trim the secret where it is stored (an .env line, a file written by echo, a copy from a terminal), or .trim() it when read.',
      });
    },
  },
  {
    id: 'secret-quotes',
    keys: (scheme, secret) => {
      const inner = QUOTED.exec(secret.trim())?.[2];
      return inner === undefined ? [] : corrected(scheme, inner.trim(), 'quotes removed from the secret');
    },
    explain: (_scheme, { label }) =>
      explanation('secret-quotes', `${label} is wrapped in quotes`, {
        title: 'The secret has quotes around it',
        detail: `The signature matches ${label} without its surrounding quotes: they were copied in as part of the value.`,
        fix: 'Remove the quotes from the stored value (in an .env file, write the value bare or make sure the loader strips them).',
      }),
  },
  {
    id: 'secret-v1-prefix',
    keys: (scheme, secret) =>
      secret.startsWith('v1,') ? corrected(scheme, secret.slice(3), 'v1, removed from the secret') : [],
    explain: (_scheme, { label }) =>
      explanation('secret-v1-prefix', `${label} starts with "v1,"`, {
        title: '"v1," pasted in front of the secret',
        detail: `The signature matches ${label} without its leading "v1,": that is the version prefix of a signature, not part of a secret.`,
        fix: 'Store the secret as it was issued (whsec_…), without "v1,".',
      }),
  },
  {
    id: 'secret-not-base64-decoded',
    keys: (scheme, secret) => {
      if (scheme !== 'standard-webhooks') return [];
      if (!secret.startsWith(SECRET_PREFIX))
        return [{ key: secret, label: 'key = secret as text (not base64-decoded)' }];
      return [
        { key: secret, label: `key = full ${SECRET_PREFIX} string` },
        { key: afterPrefix(secret), label: `key = text after ${SECRET_PREFIX} (not base64-decoded)` },
      ];
    },
    explain: (_scheme, { label }) =>
      explanation('secret-not-base64-decoded', `${label} was used as text instead of base64-decoded`, {
        title: `Standard Webhooks secret used as text instead of base64-decoded after ${SECRET_PREFIX}`,
        detail: `The signature was made with ${label} as UTF-8 text (the Stripe convention). Standard Webhooks keys the HMAC with the bytes of the base64 after ${SECRET_PREFIX}.`,
        fix: `Strip ${SECRET_PREFIX} and base64-decode the rest to get the key, or let the standardwebhooks library do it: new Webhook(secret).verify(body, headers).`,
      }),
  },
  {
    id: 'secret-base64-decoded',
    keys: (scheme, secret) => {
      if (scheme === 'standard-webhooks' || !secret.startsWith(SECRET_PREFIX)) return [];
      const text = [{ key: afterPrefix(secret), label: `key = secret without ${SECRET_PREFIX}` }];
      return isStrictBase64(afterPrefix(secret))
        ? [
            { key: standardWebhooksKey(secret), label: `key = base64-decoded after ${SECRET_PREFIX}` },
            ...text,
          ]
        : text;
    },
    explain: (scheme, { label }) =>
      explanation('secret-base64-decoded', `${label} was decoded the Standard Webhooks way`, {
        title: `${SCHEME_LABELS[scheme]} secret handled the Standard Webhooks way`,
        detail: `The signature was made with ${label} with ${SECRET_PREFIX} removed (and its rest base64-decoded, or not). ${SCHEME_LABELS[scheme]} keys the HMAC with the whole secret as text, ${SECRET_PREFIX} included.`,
        fix: `Use the whole secret string, ${SECRET_PREFIX} included, as the HMAC key.`,
      }),
  },
  {
    id: 'secret-invalid-base64',
    keys: (scheme, secret) =>
      isInvalidBase64(scheme, secret)
        ? [
            {
              key: Buffer.from(afterPrefix(secret), 'base64'),
              label: 'key = invalid base64 decoded leniently',
            },
          ]
        : [],
    explain: (_scheme, candidate) => invalidBase64(candidate, true),
  },
];

/** A Standard Webhooks secret whose base64 doesn't decode strictly; `matched`: when a lenient decoder matched. */
export function invalidBase64({ label }: DoctorCandidate, matched: boolean): Explanation {
  return explanation('secret-invalid-base64', `${label} is not valid base64 after ${SECRET_PREFIX}`, {
    title: `The secret is not valid base64 after ${SECRET_PREFIX}`,
    detail:
      `${label} has characters or a length that base64 doesn't allow after ${SECRET_PREFIX}, so strict decoders (the standardwebhooks libraries) refuse it.` +
      (matched
        ? ' The signer decoded it leniently (skipping what it could not read), and that matches.'
        : ''),
    fix: `Use the secret exactly as issued: ${SECRET_PREFIX} followed by standard base64 (A–Z, a–z, 0–9, +, /, = padding only at the end).`,
  });
}

export function isInvalidBase64(scheme: SignatureScheme, secret: string): boolean {
  return scheme === 'standard-webhooks' && !isStrictBase64(afterPrefix(secret).trimEnd());
}

/** A note on a secret that matched with whitespace at its end. */
export function trailingWhitespace({ label }: DoctorCandidate): Explanation {
  return explanation('secret-whitespace', `${label} ends with whitespace`, {
    title: 'The secret ends with whitespace',
    detail: `${label} ends with whitespace (a newline from a file or an .env line). It matches as it is (Standard Webhooks decoders skip it, or the sender signed with the same whitespace), but a receiver or sender that trims it, or uses it as text, would not.`,
    fix: 'Store the secret trimmed, or .trim() it when read.',
  });
}

const API_KEY = /^\s*['"]?(sk|rk|pk)_/;

export function looksLikeApiKey(secret: string): boolean {
  return API_KEY.test(secret);
}

export function apiKeyInsteadOfSecret({ label }: DoctorCandidate): Explanation {
  return explanation('secret-api-key', `${label} is an API key, not a signing secret`, {
    title: 'An API key instead of the signing secret',
    detail: `${label} starts like an API key (sk_, rk_ or pk_). API keys authenticate calls to an API; webhooks are signed with the endpoint's signing secret, usually whsec_….`,
    fix: "Use the webhook endpoint's signing secret (Stripe: the endpoint's page, \"Signing secret\"; here: the webhook's secret).",
  });
}

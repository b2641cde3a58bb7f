/**
 * The headers rules: which scheme signed the request, where its signature is, and the parts of the header
 * that are signed. Header names are looked up in any case, as HTTP says.
 */
import { SCHEME_LABELS, type SignatureScheme } from '../../shared/domain';
import { explanation, type Explanation } from './explanation';
import type { SchemeDetection } from './types';

/** A request's headers, looked up by name in any case, each name kept as it was sent. */
export class Headers {
  readonly #byName: Map<string, { name: string; value: string }>;

  constructor(headers: Record<string, string>) {
    this.#byName = new Map(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), { name, value }]),
    );
  }

  get(name: string): string | undefined {
    return this.#byName.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.#byName.has(name.toLowerCase());
  }

  /** The name, as sent, of the first header whose name matches. */
  findName(pattern: RegExp): string | undefined {
    return [...this.#byName.values()].find(({ name }) => pattern.test(name))?.name;
  }
}

const SIGNATURE_HEADER: Record<SignatureScheme, string> = {
  mindee: 'X-Mindee-Hmac-Signature',
  'standard-webhooks': 'webhook-signature',
  stripe: 'Stripe-Signature',
  github: 'X-Hub-Signature-256',
};

/** Headers that give a scheme away, the signature headers first. */
const SCHEME_MARKERS: [string, SignatureScheme][] = [
  ...Object.entries(SIGNATURE_HEADER).map(([scheme, name]): [string, SignatureScheme] => [
    name,
    scheme as SignatureScheme,
  ]),
  ['webhook-id', 'standard-webhooks'],
  ['webhook-timestamp', 'standard-webhooks'],
  ['X-Hub-Signature', 'github'],
  ['X-GitHub-Event', 'github'],
];

export function detectScheme(
  headers: Headers,
  chosen: SignatureScheme | undefined,
): { scheme: SignatureScheme | null; detection: SchemeDetection } {
  if (chosen) return { scheme: chosen, detection: { how: 'chosen' } };
  const marker = SCHEME_MARKERS.find(([name]) => headers.has(name));
  if (!marker) return { scheme: null, detection: { how: 'none' } };
  return { scheme: marker[1], detection: { how: 'header', header: marker[0] } };
}

/** What one request's signature header holds, split the way its scheme reads it. */
export interface SignedParts {
  /** Each signature as written, prefix included (`sha256=…`, `v1,…`, `v1=…`, or bare hex for Mindee). */
  tokens: string[];
  /** The signed timestamp as written, for the schemes that sign one. */
  timestamp?: string;
  /** What the scheme signs before the body (`id.timestamp.`, `timestamp.`, or nothing). */
  signedPrefix: string;
}

/** The header's parts, or why it can't be read: `stop` ends the diagnosis, `problem` does not. */
export type HeaderReading = { stop: Explanation } | { parts: SignedParts; problem?: Explanation };

const STRIPE_HEADER_SHAPE = /t=\d+.*v1=/;
/** Headers a sender or a proxy may have put a signature in instead. */
const LOOKS_LIKE_SIGNATURE = /signature|hmac/i;

export function readSignatureHeader(scheme: SignatureScheme, headers: Headers): HeaderReading {
  const expected = SIGNATURE_HEADER[scheme];
  let header = expected;
  let value = headers.get(expected);
  let problem: Explanation | undefined;
  if (value === undefined) {
    if (scheme === 'github') return { stop: githubWithoutSignature(headers) };
    const renamed = headers.findName(LOOKS_LIKE_SIGNATURE);
    if (renamed === undefined) return { stop: missingHeader(scheme, expected) };
    header = renamed;
    value = headers.get(renamed) as string;
    problem = explanation('header-renamed', `the signature is in ${renamed}, not ${expected}`, {
      title: `Signature header renamed: ${renamed} instead of ${expected}`,
      detail: `There is no ${expected} header, which ${SCHEME_LABELS[scheme]} receivers read; ${renamed} looks like it holds the signature (the doctor checked it there).`,
      fix: `Send the signature in ${expected} (the name's case doesn't matter, its spelling does), or make the receiver read ${renamed}. A proxy that renames headers needs the same change.`,
    });
  }
  if (scheme !== 'stripe' && STRIPE_HEADER_SHAPE.test(value)) return { stop: wholeStripeHeader(header) };
  const parts = splitParts(scheme, value, headers);
  return 'stop' in parts ? parts : { parts, ...(problem && { problem }) };
}

function splitParts(
  scheme: SignatureScheme,
  value: string,
  headers: Headers,
): SignedParts | { stop: Explanation } {
  switch (scheme) {
    case 'mindee':
    case 'github':
      return { tokens: [value.trim()], signedPrefix: '' };
    case 'standard-webhooks': {
      const id = headers.get('webhook-id');
      const timestamp = headers.get('webhook-timestamp');
      if (id === undefined) return { stop: missingHeader(scheme, 'webhook-id') };
      if (timestamp === undefined) return { stop: missingHeader(scheme, 'webhook-timestamp') };
      const tokens = value.split(' ').filter((token) => token !== '');
      return { tokens, timestamp, signedPrefix: `${id}.${timestamp}.` };
    }
    case 'stripe': {
      const items = value.split(',').map((item) => item.trim());
      const timestamp = items.find((item) => item.startsWith('t='))?.slice(2);
      const tokens = items.filter((item) => item.startsWith('v1='));
      if (timestamp === undefined || tokens.length === 0) {
        return { stop: stripeUnparsable(timestamp === undefined ? 't=<timestamp>' : 'v1=<signature>') };
      }
      return { tokens, timestamp, signedPrefix: `${timestamp}.` };
    }
  }
}

/** No header of any scheme: the request isn't signed, or signed under a name the doctor can only guess. */
export function noSignatureHeader(headers: Headers): Explanation {
  const lookalike = headers.findName(LOOKS_LIKE_SIGNATURE);
  const names = Object.values(SIGNATURE_HEADER).join(', ');
  return explanation('header-missing', 'there is no signature header', {
    title: 'No signature header',
    detail:
      `None of the supported schemes' headers (${names}) is here, in any case.` +
      (lookalike ? ` ${lookalike} looks like a signature header of another name.` : ''),
    fix: lookalike
      ? `Choose the scheme the sender signs with, and the doctor checks ${lookalike} as its signature.`
      : 'Check that the sender signs its requests and that no proxy drops the signature header.',
  });
}

function missingHeader(scheme: SignatureScheme, name: string): Explanation {
  return explanation('header-missing', `there is no ${name} header`, {
    title: `No ${name} header`,
    detail: `${SCHEME_LABELS[scheme]} requests carry ${name}; this request has no header of that name (looked up in any case), and none that looks like a renamed signature header.`,
    fix: `Check that the sender signs its requests, and that no proxy between it and the receiver drops ${name}.`,
  });
}

function githubWithoutSignature(headers: Headers): Explanation {
  const sha1 = headers.has('X-Hub-Signature');
  return explanation(
    'github-no-signature',
    'there is no X-Hub-Signature-256 header (no secret configured on the sender?)',
    {
      title: 'No X-Hub-Signature-256 header: no secret configured on the sender?',
      detail: sha1
        ? 'Only the older X-Hub-Signature (SHA-1) is present; GitHub sends X-Hub-Signature-256 alongside it whenever the webhook has a secret, so something dropped it.'
        : 'GitHub signs a delivery only when the webhook has a secret; without one it sends no X-Hub-Signature-256.',
      fix: "Set the secret in the webhook's settings on GitHub (Settings → Webhooks → Secret), the same value the receiver verifies with.",
    },
  );
}

function stripeUnparsable(missing: string): Explanation {
  return explanation('stripe-header-unparsable', `the Stripe-Signature header has no ${missing}`, {
    title: "Stripe-Signature doesn't parse",
    detail: `The header must read t=<timestamp>,v1=<signature>[,v1=<signature>…]; this one has no ${missing}, so no receiver can check it.`,
    fix: 'Send the whole header as Stripe builds it: t=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">.',
  });
}

function wholeStripeHeader(header: string): Explanation {
  return explanation('stripe-whole-header', `${header} holds a whole Stripe-Signature value`, {
    title: 'The whole Stripe-Signature value used as the signature',
    detail: `${header} holds "t=…,v1=…": a complete Stripe-Signature value where a bare signature belongs.`,
    fix: 'Parse the Stripe-Signature header instead of comparing it whole: take t= and each v1=, sign "<t>.<body>" and compare to each v1 in constant time (stripe.webhooks.constructEvent does all of this).',
  });
}

/** The header rules that apply to a scheme, for the list of what was tried. */
export function headerRulesFor(scheme: SignatureScheme): string[] {
  if (scheme === 'github') return ['github-no-signature', 'stripe-whole-header'];
  if (scheme === 'stripe') return ['header-missing', 'header-renamed', 'stripe-header-unparsable'];
  return ['header-missing', 'header-renamed', 'stripe-whole-header'];
}

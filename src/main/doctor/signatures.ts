/**
 * Reading a signature from its header token: strictly, as each scheme writes it, and by the encoding rules,
 * each of which reads it the way one common mistake wrote it.
 */
import { SCHEME_LABELS, type SignatureScheme } from '../../shared/domain';
import { explanation, type Explanation } from './explanation';

type Encoding = 'hex' | 'base64';

const FORMAT: Record<SignatureScheme, { prefix: string; encoding: Encoding }> = {
  mindee: { prefix: '', encoding: 'hex' },
  'standard-webhooks': { prefix: 'v1,', encoding: 'base64' },
  stripe: { prefix: 'v1=', encoding: 'hex' },
  github: { prefix: 'sha256=', encoding: 'hex' },
};

/** An HMAC-SHA256 (32 bytes) as each encoding writes it. */
const WRITTEN: Record<Encoding, RegExp> = { hex: /^[0-9a-f]{64}$/, base64: /^[A-Za-z0-9+/]{43}=$/ };

/** Only the one way of writing these bytes: base64's last character has spare bits a decoder ignores. */
function decode(text: string, encoding: Encoding): Buffer | null {
  if (!WRITTEN[encoding].test(text)) return null;
  const bytes = Buffer.from(text, encoding);
  return bytes.toString(encoding) === text ? bytes : null;
}

function withoutPrefix(scheme: SignatureScheme, token: string): string {
  const { prefix } = FORMAT[scheme];
  return token.startsWith(prefix) ? token.slice(prefix.length) : token;
}

/** The signature as the scheme writes it, or null. */
export function strictSignature(scheme: SignatureScheme, token: string): Buffer | null {
  const { prefix, encoding } = FORMAT[scheme];
  return token.startsWith(prefix) ? decode(token.slice(prefix.length), encoding) : null;
}

export interface EncodingRule {
  id: string;
  /** The signature as this mistake wrote it, or null when the token doesn't show it. */
  read(scheme: SignatureScheme, token: string): Buffer | null;
  explain(scheme: SignatureScheme): Explanation;
  /** For the match's transformations. */
  label: string;
}

const other = (encoding: Encoding): Encoding => (encoding === 'hex' ? 'base64' : 'hex');
/** The extra prefix a doubled (or, for Mindee, added) prefix shows. */
const extraPrefix = (scheme: SignatureScheme) => FORMAT[scheme].prefix || 'sha256=';

export const ENCODING_RULES: readonly EncodingRule[] = [
  {
    id: 'encoding-hex-vs-base64',
    label: 'signature read in the other encoding (hex/base64)',
    read: (scheme, token) => decode(withoutPrefix(scheme, token), other(FORMAT[scheme].encoding)),
    explain: (scheme) => {
      const { encoding } = FORMAT[scheme];
      return explanation('encoding-hex-vs-base64', `the signature is ${other(encoding)}, not ${encoding}`, {
        title: `Signature in ${other(encoding)} instead of ${encoding}`,
        detail: `The HMAC is right but written in ${other(encoding)}; ${SCHEME_LABELS[scheme]} writes it in ${encoding}, so a receiver comparing text refuses it.`,
        fix: `Encode the HMAC digest as ${encoding} (digest('${encoding}')).`,
      });
    },
  },
  {
    id: 'encoding-uppercase-hex',
    label: 'signature hex lower-cased',
    read: (scheme, token) => {
      const hex = withoutPrefix(scheme, token);
      return FORMAT[scheme].encoding === 'hex' && /[A-F]/.test(hex) ? decode(hex.toLowerCase(), 'hex') : null;
    },
    explain: (scheme) =>
      explanation('encoding-uppercase-hex', 'the signature is upper-case hex', {
        title: 'Upper-case hex signature',
        detail: `The HMAC is right but written in upper-case hex; ${SCHEME_LABELS[scheme]} receivers compare it with lower-case hex.`,
        fix: "Write the digest with digest('hex') (lower case), or compare the decoded bytes rather than the text.",
      }),
  },
  {
    id: 'encoding-prefix-missing',
    label: 'signature prefix added back',
    read: (scheme, token) => {
      const { prefix, encoding } = FORMAT[scheme];
      return prefix && !token.startsWith(prefix) ? decode(token, encoding) : null;
    },
    explain: (scheme) =>
      explanation('encoding-prefix-missing', `the signature lacks its ${FORMAT[scheme].prefix} prefix`, {
        title: `Missing ${FORMAT[scheme].prefix} prefix`,
        detail: `The HMAC is right but written without the ${FORMAT[scheme].prefix} prefix that ${SCHEME_LABELS[scheme]} puts before it.`,
        fix: `Write the signature as ${FORMAT[scheme].prefix}<${FORMAT[scheme].encoding}>.`,
      }),
  },
  {
    id: 'encoding-prefix-doubled',
    label: 'extra signature prefix removed',
    read: (scheme, token) => {
      const { prefix, encoding } = FORMAT[scheme];
      const doubled = prefix + extraPrefix(scheme);
      return token.startsWith(doubled) ? decode(token.slice(doubled.length), encoding) : null;
    },
    explain: (scheme) =>
      explanation('encoding-prefix-doubled', `the signature has an extra ${extraPrefix(scheme)} prefix`, {
        title: `Extra ${extraPrefix(scheme)} prefix`,
        detail: FORMAT[scheme].prefix
          ? `The HMAC is right but the ${FORMAT[scheme].prefix} prefix is written twice: the sender added it to a value that already had it.`
          : `The HMAC is right but written after a ${extraPrefix(scheme)} prefix; ${SCHEME_LABELS[scheme]} writes the bare hex.`,
        fix: `Write the signature as ${FORMAT[scheme].prefix}<${FORMAT[scheme].encoding}>, with the prefix once.`,
      }),
  },
];

/** The four signature schemes. Each signs exactly the bytes that are sent (a string as its UTF-8 bytes). */
import { createHmac } from 'node:crypto';
import { SECRET_PREFIX, type SignatureScheme } from '../../shared/domain';
import { MULTI_SIGNATURE_SCHEMES } from '../../shared/rotation';

export interface SignInput {
  scheme: SignatureScheme;
  /**
   * Newest first. Several only for a scheme of MULTI_SIGNATURE_SCHEMES (a rotation's overlap): one signature
   * per secret, so a receiver with either secret accepts the delivery.
   */
  secrets: readonly string[];
  /** The exact bytes sent (a string is signed as its UTF-8 bytes). */
  body: string | Buffer;
  /** The message/delivery id (see messageIdFor); sent only by schemes that carry one. */
  messageId: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
}

/** HMAC-SHA256 over the parts joined, fed in pieces so the body is never copied into a bigger string. */
export function hmac(key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part); // strings as UTF-8
  return mac.digest();
}

/** Standard Webhooks' key: the base64 after `whsec_` (as its reference library decodes it). */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

type Signer = (input: SignInput) => Record<string, string>;

/** The one secret of a single-signature scheme (signatureHeaders checks there is exactly one). */
const onlySecret = ({ secrets }: SignInput) => secrets[0] as string;

const signers: Record<SignatureScheme, Signer> = {
  mindee: (input) => ({ 'X-Mindee-Hmac-Signature': hmac(onlySecret(input), input.body).toString('hex') }),

  // Several signatures: `v1,<new> v1,<old>` (space-separated, as the specification lists them).
  'standard-webhooks': ({ secrets, body, messageId, timestamp }) => ({
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets
      .map(
        (key) =>
          `v1,${hmac(standardWebhooksKey(key), `${messageId}.${timestamp}.`, body).toString('base64')}`,
      )
      .join(' '),
  }),

  // Several signatures: `t=<ts>,v1=<new>,v1=<old>`, as Stripe signs during a roll.
  stripe: ({ secrets, body, timestamp }) => ({
    'Stripe-Signature': [
      `t=${timestamp}`,
      ...secrets.map((key) => `v1=${hmac(key, `${timestamp}.`, body).toString('hex')}`),
    ].join(','),
  }),

  github: (input) => ({
    'X-GitHub-Event': 'ping',
    'X-GitHub-Delivery': input.messageId,
    'X-Hub-Signature-256': `sha256=${hmac(onlySecret(input), input.body).toString('hex')}`,
  }),
};

/** The header that carries each scheme's signature(s). */
export const SIGNATURE_HEADER: Record<SignatureScheme, string> = {
  mindee: 'X-Mindee-Hmac-Signature',
  'standard-webhooks': 'webhook-signature',
  stripe: 'Stripe-Signature',
  github: 'X-Hub-Signature-256',
};

/** Schemes whose signature covers a timestamp, so receivers refuse it after a few minutes (5 for both). */
export const TIMESTAMPED_SCHEMES: ReadonlySet<SignatureScheme> = new Set(['standard-webhooks', 'stripe']);

/** The headers that sign one attempt. They hold signatures, never the secret. */
export function signatureHeaders(input: SignInput): Record<string, string> {
  const { scheme, secrets } = input;
  if (secrets.length === 0) throw new Error('signatureHeaders needs a secret');
  if (secrets.length > 1 && !MULTI_SIGNATURE_SCHEMES.has(scheme)) {
    throw new Error(`${scheme} carries one signature; sign with one secret`);
  }
  return signers[scheme](input);
}

/**
 * The message id of a first attempt, made from its delivery id (a UUID) in the form the scheme's receivers
 * expect: msg_… for Standard Webhooks, the GUID itself otherwise. Redeliveries keep it.
 */
export function messageIdFor(scheme: SignatureScheme, deliveryId: string): string {
  return scheme === 'standard-webhooks' ? `msg_${deliveryId.replaceAll('-', '')}` : deliveryId;
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Secret rotation without downtime, shared by main and the UI: the roles a webhook's secrets play, how long the
 * old one stays valid, the rotation state a webhook keeps in the config, and how a record names its signers.
 */
import { z } from 'zod/mini';
import { idSchema, isoTimeSchema } from './ids';
import type { SignatureScheme } from './schemes';
import { SECRET_ROLES, type SecretRole } from './secrets';

export { SECRET_ROLES, type SecretRole } from './secrets';
export const secretRoleSchema = z.enum(SECRET_ROLES);

/** Schemes whose header carries several signatures, so deliveries can be signed with the old and new secret. */
export const MULTI_SIGNATURE_SCHEMES: ReadonlySet<SignatureScheme> = new Set(['standard-webhooks', 'stripe']);

const HOUR_MS = 60 * 60 * 1000;
/** "Keep the old secret valid for": the choices, in the order the dialog lists them. */
export const OVERLAP_CHOICES = [
  { id: 'now', label: 'Expire now', ms: 0 },
  { id: '1h', label: '1 hour', ms: HOUR_MS },
  { id: '24h', label: '24 hours', ms: 24 * HOUR_MS },
  { id: '7d', label: '7 days', ms: 7 * 24 * HOUR_MS },
] as const;
export type OverlapChoice = (typeof OVERLAP_CHOICES)[number]['id'];
export const overlapChoiceSchema = z.enum(OVERLAP_CHOICES.map((choice) => choice.id) as [OverlapChoice]);
export const DEFAULT_OVERLAP: OverlapChoice = '24h';

export function overlapMs(choice: OverlapChoice): number {
  return OVERLAP_CHOICES.find((candidate) => candidate.id === choice)?.ms ?? 0;
}

/** A delivery a rotation step sent with one secret, and what the receiver answered. */
export const rotationTestSchema = z.strictObject({
  deliveryId: idSchema,
  sentAt: isoTimeSchema,
  /** The HTTP status, null when no response came back. */
  status: z.nullable(z.number().check(z.int())),
  /** A 2xx came back. */
  accepted: z.boolean(),
  /** The outcome in a few words: "200 OK", "Timeout". */
  summary: z.string().check(z.maxLength(200)),
});
export type RotationTest = z.infer<typeof rotationTestSchema>;

/**
 * A webhook's rotation, kept in the config (absent: none).
 * - `next`: a guided rotation before its switch; the new secret is in the `next` slot, deliveries sign with the
 *   current one; `tests` holds the answers to "Test the new secret" / "Test the current secret".
 * - `overlap`: the old secret is in the `previous` slot until `expiresAt`; a multi-signature scheme signs with
 *   both. `switched` is false while the new secret may still wait in the `next` slot (a switch in progress);
 *   `oldSecretCheck` is the answer to "Check the old secret is refused".
 */
export const rotationSchema = z.discriminatedUnion('phase', [
  z.strictObject({
    phase: z.literal('next'),
    startedAt: isoTimeSchema,
    tests: z.strictObject({ current: z.optional(rotationTestSchema), next: z.optional(rotationTestSchema) }),
  }),
  z.strictObject({
    phase: z.literal('overlap'),
    startedAt: isoTimeSchema,
    expiresAt: isoTimeSchema,
    guided: z.boolean(),
    switched: z.boolean(),
    oldSecretCheck: z.optional(rotationTestSchema),
  }),
]);
export type Rotation = z.infer<typeof rotationSchema>;

/** A delivery record's signers, newest first: roles only, never values. */
export const signedWithSchema = z.array(secretRoleSchema).check(z.minLength(1), z.maxLength(2));

/** "new + previous", "next (rotation test)", "current": how a record says which secrets signed it. */
export function signedWithLabel(roles: readonly SecretRole[], rotationTest: boolean): string {
  const names = roles.map((role) => (role === 'current' && roles.includes('previous') ? 'new' : role));
  return `${names.join(' + ')}${rotationTest ? ' (rotation test)' : ''}`;
}

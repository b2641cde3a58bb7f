/** "Check endpoint": the checks run against a webhook's URL before it goes live, shared by main and the UI. */
import { z } from 'zod/mini';
import { idSchema, isoTimeSchema } from './ids';

export const CHECK_IDS = ['url', 'dns', 'tcp', 'tls', 'redirects', 'response'] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export const CHECK_TITLES: Record<CheckId, string> = {
  url: 'URL',
  dns: 'DNS',
  tcp: 'TCP connect',
  tls: 'TLS',
  redirects: 'Redirects',
  response: 'Response',
};

export const checkResultSchema = z.strictObject({
  id: z.enum(CHECK_IDS),
  outcome: z.enum(['pass', 'warn', 'fail', 'skip']),
  /** What was found, in plain words. */
  reason: z.string().check(z.maxLength(1000)),
  /** What to do about it; absent on a pass. */
  fix: z.optional(z.string().check(z.maxLength(1000))),
  /** Facts behind it: addresses, times, the certificate's expiry… */
  details: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20)),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** One run of "Check endpoint", kept with the webhook until its URL changes. */
export const endpointCheckSchema = z.strictObject({
  url: z.string(),
  checkedAt: isoTimeSchema,
  /** The signed test delivery it sent (in the Deliveries log, marked "Endpoint check"); null if none went. */
  deliveryId: z.nullable(idSchema),
  checks: z.array(checkResultSchema),
});
export type EndpointCheck = z.infer<typeof endpointCheckSchema>;

/** How long a provider waits for an answer before it counts a delivery as failed (null: not published). */
export const PROVIDER_RESPONSE_LIMITS: readonly { provider: string; seconds: number | null }[] = [
  { provider: 'GitHub', seconds: 10 },
  { provider: 'Svix / Standard Webhooks', seconds: 15 },
  { provider: 'Shopify', seconds: 5 },
  { provider: 'Stripe', seconds: null },
];

/** "Check receiver security": whether the receiver accepts what it must and refuses what it must. */
export const SECURITY_PROBES = [
  'valid',
  'unsigned',
  'wrong-secret',
  'tampered-body',
  'too-old',
  'in-future',
  'unknown-version',
  'duplicate',
] as const;
export type SecurityProbeId = (typeof SECURITY_PROBES)[number];

export interface SecurityProbeResult {
  id: SecurityProbeId;
  /** What was sent, e.g. "Signed with a wrong secret". */
  title: string;
  /**
   * pass: answered as a receiver must; fail: it did not; inconclusive: a 5xx, a timeout or no answer (neither
   * accepted nor refused); skip: not run (see `meaning`); info: nothing to judge (the duplicate, and a future
   * timestamp a Stripe receiver accepts, as Stripe's own library does).
   */
  outcome: 'pass' | 'fail' | 'inconclusive' | 'skip' | 'info';
  /** What the answer means, in plain words. */
  meaning: string;
  /** The answers' statuses (two for the duplicate); null where none came back. */
  statuses: (number | null)[];
  /** The deliveries sent, in the Deliveries log marked "Security check". */
  deliveryIds: string[];
}

export interface SecurityReport {
  url: string;
  checkedAt: string;
  probes: SecurityProbeResult[];
}

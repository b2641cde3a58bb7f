/** The signature schemes and their names, zod-free: the renderer's first screen imports them (see domain.ts). */

/** How a webhook's deliveries are signed; Mindee is the default. */
export const SIGNATURE_SCHEMES = ['mindee', 'standard-webhooks', 'stripe', 'github'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];
export const DEFAULT_SCHEME: SignatureScheme = 'mindee';
/** The names the UI shows for each scheme. */
export const SCHEME_LABELS: Record<SignatureScheme, string> = {
  mindee: 'Mindee',
  'standard-webhooks': 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
};

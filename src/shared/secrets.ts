/** How a signing secret looks and the roles a webhook's secrets play, zod-free: the renderer's first screen imports them. */

export const SECRET_PREFIX = 'whsec_';

/**
 * `current` signs deliveries; `previous` is the secret a roll replaced, still valid until the overlap ends;
 * `next` is the new secret of a guided rotation that the receiver is learning before the switch.
 */
export const SECRET_ROLES = ['current', 'previous', 'next'] as const;
export type SecretRole = (typeof SECRET_ROLES)[number];

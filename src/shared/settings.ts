/** The delivery settings and their defaults, zod-free: the renderer's first screen imports them (see delivery.ts). */

export const TIMEOUT_MIN_SECONDS = 1;
export const TIMEOUT_MAX_SECONDS = 60;
export const DEFAULT_TIMEOUT_SECONDS = 10;

export interface Settings {
  /** How long a delivery waits for the response, in seconds. */
  deliveryTimeoutSeconds: number;
}
export const DEFAULT_SETTINGS: Settings = { deliveryTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS };

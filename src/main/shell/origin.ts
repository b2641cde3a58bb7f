/**
 * scheme://host of a URL. Node's URL reports origin "null" for custom schemes such as app://, while
 * Electron treats a registered standard scheme as a real origin; this agrees with Electron everywhere.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

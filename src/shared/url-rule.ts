/** The one endpoint-URL rule, shared by the UI (inline validation) and main (enforcement). */
export const MAX_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: string; insecure: boolean } | { ok: false; reason: string };

export function checkEndpointUrl(input: string): UrlCheck {
  if (input.length === 0) return { ok: false, reason: 'Enter the endpoint URL.' };
  if (input.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  }
  if (/\s/.test(input)) return { ok: false, reason: 'The URL must not contain spaces or line breaks.' };
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return { ok: false, reason: 'This is not an absolute URL (for example https://api.example.com/hooks).' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: 'The URL must start with https:// (or http://).' };
  }
  // No host check: for http: and https: the URL parser itself refuses an empty host (`http://` throws,
  // `http:///x` is `http://x/`), so `parsed.hostname` is never '' here.
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'The URL must not contain a user name or password (user:pass@).' };
  }
  // Stored and sent as parsed (`http:host` → `http://host/`, `\` → `/`), so curl and the app send the same.
  return { ok: true, url: parsed.href, insecure: isInsecureUrl(parsed.href) };
}

/** Plain http: the one definition of "insecure" (the list's badge, the form's warning). */
export function isInsecureUrl(url: string): boolean {
  return /^http:/i.test(url);
}

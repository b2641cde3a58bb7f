import styles from './UrlText.module.css';

/** A URL as origin, the middle of its path, and its last segment (with any query): the middle shrinks first. */
export function splitUrl(url: string): { origin: string; middle: string; tail: string } {
  let origin = '';
  try {
    const parsed = new URL(url);
    const prefix = `${parsed.protocol}//${parsed.host}`;
    if (url.toLowerCase().startsWith(prefix.toLowerCase())) origin = url.slice(0, prefix.length);
  } catch {
    // Not a URL (never stored, but shown as it is): no origin to keep.
  }
  const rest = url.slice(origin.length);
  const pathEnd = rest.search(/[?#]/);
  const path = pathEnd === -1 ? rest : rest.slice(0, pathEnd);
  const lastSlash = path.lastIndexOf('/', path.length - 2);
  if (lastSlash <= 0) return { origin, middle: '', tail: rest };
  return { origin, middle: rest.slice(0, lastSlash), tail: rest.slice(lastSlash) };
}

/**
 * An endpoint URL on one line, shortened in the middle when it must be (`https://hooks.acme.example/…/invoices`):
 * the scheme and host and the last path segment stay. The full URL is its tooltip; screen readers get it from
 * `fullTextId` (the row's description), so this visible copy is hidden from them.
 */
export function UrlText({ url, fullTextId }: { url: string; fullTextId: string }) {
  const { origin, middle, tail } = splitUrl(url);
  return (
    <>
      <span className={styles.url} title={url} aria-hidden data-url-text>
        <span className={styles.origin} data-url-origin>
          {origin}
        </span>
        {middle && (
          <span className={styles.middle} data-url-middle>
            {middle}
          </span>
        )}
        <span className={styles.tail} data-url-tail>
          {tail}
        </span>
      </span>
      <span id={fullTextId} className={styles.full}>
        {url}
      </span>
    </>
  );
}

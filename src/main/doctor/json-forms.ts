/** JSON written the ways senders and receivers commonly re-serialise it. */

/** Python's json.dumps defaults: ", " and ": " separators, non-ASCII escaped as \uXXXX (ensure_ascii). */
export function pythonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => `${pythonString(key)}: ${pythonDumps(item)}`);
    return `{${members.join(', ')}}`;
  }
  return typeof value === 'string' ? pythonString(value) : JSON.stringify(value);
}

/** JSON.stringify already escapes controls and lone surrogates; ensure_ascii also escapes DEL and beyond. */
function pythonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A copy with every object's keys in sorted order (what sort_keys=True and canonical-JSON libraries write). */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedKeys(item)]));
}

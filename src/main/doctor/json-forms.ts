/** JSON written the ways senders and receivers commonly re-serialise it. */

/** A string literal, or a separator between items (outside any string). */
const TOKEN = /"(?:[^"\\]|\\.)*"|[,:]/g;

/**
 * Python's json.dumps defaults, from the compact JSON.stringify text of the same value: ", " and ": "
 * separators, and everything beyond ASCII (DEL included) escaped as \uXXXX (ensure_ascii), which can only
 * occur inside strings.
 */
export function pythonDumps(compact: string): string {
  return compact
    .replace(TOKEN, (token) => (token === ',' ? ', ' : token === ':' ? ': ' : token))
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy with every object's keys in sorted order (what sort_keys=True and canonical-JSON libraries write). */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** Joins class names, leaving out the ones that are not there (false, null, undefined, ''). */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

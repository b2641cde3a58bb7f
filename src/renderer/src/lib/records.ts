/** A copy of `record` without `key` (stores replace records, never mutate them). */
export function omitKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  Reflect.deleteProperty(copy, key);
  return copy;
}

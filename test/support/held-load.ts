/** A module load held back until the test lets it go: for code that loads a chunk after the first screen. */
export function heldLoad(): { loaded: Promise<void>; load(): void } {
  let release = () => {};
  const loaded = new Promise<void>((resolve) => (release = resolve));
  return { loaded, load: () => release() };
}

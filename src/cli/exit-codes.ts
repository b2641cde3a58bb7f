/** The CLI's exit codes (documented in `hookwarden --help` and the README). */
export const EXIT = {
  ok: 0,
  /** A delivery or check that did not get a 2xx / a pass. */
  failed: 1,
  usage: 2,
  keychainUnavailable: 3,
  notFound: 4,
  storage: 5,
} as const;

/** An expected failure: its message goes to stderr as it is, and the process exits with its code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

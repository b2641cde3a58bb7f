/** The closed set of error codes that cross the IPC boundary; the UI has a message for each. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_URL',
  'INVALID_JSON',
  'NOT_FOUND',
  'NAME_TAKEN',
  'VERSION_UNKNOWN',
  'VERSION_IN_USE',
  'API_HAS_WEBHOOKS',
  'SECRET_MISSING',
  'KEYCHAIN_UNAVAILABLE',
  /** A rotation is under way and the step would cut it short (it asks first). */
  'ROTATION_IN_PROGRESS',
  /** The step needs a rotation (or a rotation at another step) that this webhook does not have. */
  'NO_ROTATION',
  /** "Switch to the new secret" before the receiver accepted both secrets, and not forced. */
  'ROTATION_UNTESTED',
  'STORAGE_FAILED',
  /** An import file that is not a Hookwarden export this version can read (format, version, corrupt). */
  'INVALID_FILE',
  /** The passphrase does not open an encrypted export. */
  'WRONG_PASSPHRASE',
  /** Retries are already running for this webhook. */
  'RUN_IN_PROGRESS',
  /** The step affects something outside this machine: the UI asks, then sends it again confirmed. */
  'NEEDS_CONFIRMATION',
  /** The Inbox's port is taken by another program (or may not be used). */
  'PORT_IN_USE',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** An expected failure with a code the UI understands. Main throws it; the renderer rebuilds it from a Result. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

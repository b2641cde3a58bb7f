/** Turns anything a call can throw into a sentence for the user, keeping the code when main sent one. */
import { isAppError, type ErrorCode } from '../../../shared/errors';

export interface UiError {
  code: ErrorCode | 'UNEXPECTED';
  message: string;
}

const FALLBACK: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Some of the values are not valid.',
  INVALID_URL: 'The endpoint URL is not valid.',
  INVALID_JSON: 'The test payload is not valid JSON.',
  NOT_FOUND: 'It no longer exists. Reload the list to see the current state.',
  NAME_TAKEN: 'That name is already taken.',
  VERSION_UNKNOWN: 'That product version does not exist for this API.',
  VERSION_IN_USE: 'A webhook still uses that product version.',
  API_HAS_WEBHOOKS: 'This API still has webhooks.',
  SECRET_MISSING: 'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
  KEYCHAIN_UNAVAILABLE: 'The system keychain is not available.',
  ROTATION_IN_PROGRESS: 'A secret rotation of this webhook is in progress.',
  NO_ROTATION: 'This webhook has no rotation at that step.',
  ROTATION_UNTESTED: 'Your receiver has not yet accepted both secrets.',
  STORAGE_FAILED: 'The configuration could not be saved. Nothing was changed.',
  INVALID_FILE: 'This file cannot be imported. Nothing was changed.',
  WRONG_PASSPHRASE: 'The passphrase does not open this file. Nothing was changed.',
  RUN_IN_PROGRESS: 'Retries are already running for this webhook.',
  NEEDS_CONFIRMATION: 'Confirm to go on.',
  PORT_IN_USE: 'That port is already in use: choose another one.',
  FORBIDDEN: 'This action is not allowed.',
  INTERNAL: 'Something went wrong in Hookwarden. Nothing was changed.',
};

export function toUiError(error: unknown): UiError {
  if (isAppError(error)) return { code: error.code, message: error.message || FALLBACK[error.code] };
  return { code: 'UNEXPECTED', message: 'Something unexpected went wrong. Please try again.' };
}

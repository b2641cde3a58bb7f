/** A store file's content could not be used; the message says why (a JSON error may quote a few characters). */
export class StoreFileInvalidError extends Error {
  override readonly name = 'StoreFileInvalidError';
}

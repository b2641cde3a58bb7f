/** The keychain area's port; keytar-vault.ts implements it, tests pass the real one or a faulty wrapper. */
/**
 * The OS keychain under the app's service name: one item per account. Every method throws KEYCHAIN_UNAVAILABLE
 * when the keychain cannot answer — locked, absent or failing — so "no such item" (null, false) always means
 * the item is really not there.
 */
export interface SecretVault {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Every account under the service, of every profile (never their secrets). */
  list(): Promise<string[]>;
  /** Resolves when the keychain can be read and written now, without reading any secret. */
  probe(): Promise<void>;
}

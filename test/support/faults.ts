import { AppError } from '../../src/shared/errors';
import type { ConfigStore } from '../../src/main/config/ports';
import type { SecretVault } from '../../src/main/keychain/ports';

type VaultMethod = keyof SecretVault;

/** Wraps a real vault; the named methods fail like an unavailable keychain while `armed` is true. */
export function faultyVault(vault: SecretVault, failing: VaultMethod[]) {
  const control = { armed: true, calls: [] as VaultMethod[] };
  const wrap =
    <M extends VaultMethod>(method: M) =>
    (...args: Parameters<SecretVault[M]>) => {
      control.calls.push(method);
      if (control.armed && failing.includes(method)) {
        return Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'injected keychain failure'));
      }
      return (vault[method] as (...a: Parameters<SecretVault[M]>) => ReturnType<SecretVault[M]>)(...args);
    };
  const wrapped: SecretVault = {
    get: wrap('get'),
    set: wrap('set'),
    delete: wrap('delete'),
    list: wrap('list'),
    probe: wrap('probe'),
  };
  return { vault: wrapped, control };
}

/** Wraps a real config store; writes fail like a full disk while `armed` is true. */
export function faultyStore(store: ConfigStore) {
  const control = { armed: false };
  const wrapped: ConfigStore = {
    read: () => store.read(),
    write(next) {
      if (control.armed) throw new AppError('STORAGE_FAILED', 'injected write failure');
      store.write(next);
    },
  };
  return { store: wrapped, control };
}

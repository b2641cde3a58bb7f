import { AppError } from '../../src/shared/errors';
import type { ConfigStore } from '../../src/main/config/ports';
import type { SecretVault } from '../../src/main/keychain/ports';

type VaultMethod = keyof SecretVault;

/**
 * Wraps a real vault; the named methods fail like an unavailable keychain while `armed` is true, after
 * `control.passes` calls of them went through (a keychain that goes away in the middle of a step).
 * `control.failing`, `control.passes` and `control.message` can be changed while it runs.
 */
export function faultyVault(
  vault: SecretVault,
  failing: VaultMethod[],
  message = 'injected keychain failure',
) {
  const control = { armed: true, calls: [] as VaultMethod[], failing: [...failing], message, passes: 0 };
  const wrap =
    <M extends VaultMethod>(method: M) =>
    (...args: Parameters<SecretVault[M]>) => {
      control.calls.push(method);
      if (control.armed && control.failing.includes(method)) {
        if (control.passes > 0) control.passes--;
        else return Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', control.message));
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

/**
 * Wraps a real config store; while `armed` is true, writes fail like a full disk (and reads too, with
 * `failing` including 'read'). `control.failing` and `control.message` can be changed while it runs.
 */
export function faultyStore(store: ConfigStore) {
  const control = {
    armed: false,
    failing: ['write'] as ('read' | 'write')[],
    message: 'injected write failure',
  };
  const fault = (operation: 'read' | 'write') => {
    if (control.armed && control.failing.includes(operation))
      throw new AppError('STORAGE_FAILED', control.message);
  };
  const wrapped: ConfigStore = {
    read() {
      fault('read');
      return store.read();
    },
    update(change) {
      fault('write');
      return store.update(change);
    },
  };
  return { store: wrapped, control };
}

/** A wrapStore for startHarness: the config store as a full disk makes it, every write refused. */
export function writesRefused(store: ConfigStore): ConfigStore {
  const { store: faulty, control } = faultyStore(store);
  control.armed = true;
  return faulty;
}

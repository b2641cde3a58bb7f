/**
 * Child entry of test/main/regenerate-crash.test.ts: the real core over a data dir and the real keychain,
 * regenerating one webhook's secret again and again until the parent SIGKILLs it. It prints (JSON lines):
 *   { event: 'start', regenerate }                       before each regenerate call;
 *   { event: 'ack', regenerate, secretRotatedAt, secret } once a regenerate has answered (the secret as read
 *                                                         back from the profile's keychain account);
 *   { event: 'paused', regenerate, at, op }              when it reached the pause point it was given, where
 *                                                         it waits (doing nothing) to be killed;
 *   { event: 'done' }                                    after the last regenerate.
 * A pause point is a keychain operation of one regenerate (`set`, `get`, `delete`, with `#pending` for the
 * pending slot), before or after it: the deterministic way to be killed between two writes.
 */
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import type { SecretVault } from '../../src/main/keychain/ports';
import { accountOf } from '../../src/main/keychain/profile-secrets';
import { runChild, say, startCore } from './child-core';

export interface PausePoint {
  regenerate: number;
  at: 'before' | 'after';
  op: string;
}

export interface CrashChildArgs {
  dir: string;
  service: string;
  webhookId: string;
  count: number;
  pause?: PausePoint;
}

export type CrashChildMessage =
  | { event: 'start'; regenerate: number }
  | { event: 'ack'; regenerate: number; secretRotatedAt: string; secret: string }
  | ({ event: 'paused' } & PausePoint)
  | { event: 'done' };

runChild(async () => {
  const { dir, service, webhookId, count, pause } = JSON.parse(process.argv[2] ?? '') as CrashChildArgs;
  const keychain = createKeytarVault(service);
  /** The regenerate under way (0: none), whose keychain operations may hit the pause point. */
  let regenerating = 0;

  async function checkpoint(at: PausePoint['at'], method: string, account: string): Promise<void> {
    const op = account.endsWith('#pending') ? `${method}#pending` : method;
    if (!pause || pause.regenerate !== regenerating || pause.at !== at || pause.op !== op) return;
    say({ event: 'paused', regenerate: regenerating, at, op } satisfies CrashChildMessage);
    await new Promise<never>(() => undefined); // does nothing more until the SIGKILL
  }
  async function observed<T>(method: string, account: string, operation: () => Promise<T>): Promise<T> {
    await checkpoint('before', method, account);
    const result = await operation();
    await checkpoint('after', method, account);
    return result;
  }
  const vault: SecretVault = {
    ...keychain,
    get: (account) => observed('get', account, () => keychain.get(account)),
    set: (account, secret) => observed('set', account, () => keychain.set(account, secret)),
    delete: (account) => observed('delete', account, () => keychain.delete(account)),
  };

  const core = startCore(dir, vault);
  await core.services.keychain.startupCheck();
  const account = accountOf(core.profileId, webhookId);
  for (let regenerate = 1; regenerate <= count; regenerate++) {
    say({ event: 'start', regenerate } satisfies CrashChildMessage);
    regenerating = regenerate;
    const answer = await core.services.webhooks.regenerateSecret({ id: webhookId });
    regenerating = 0;
    const secret = await keychain.get(account);
    if (secret === null) throw new Error(`regenerate ${regenerate} answered, but the keychain has no secret`);
    say({
      event: 'ack',
      regenerate,
      secretRotatedAt: answer.secretRotatedAt,
      secret,
    } satisfies CrashChildMessage);
  }
  say({ event: 'done' } satisfies CrashChildMessage);
});

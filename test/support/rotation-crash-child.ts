/**
 * Child entry of test/main/rotation-crash.test.ts: the real core over a data dir and the real keychain, running
 * one sequence of rotation steps on one webhook until the parent SIGKILLs it. It prints (JSON lines):
 *   { event: 'wrote', write, slot, secret? } after each keychain write (set/delete; the value for a set);
 *   { event: 'ack', step }                   once a step has answered;
 *   { event: 'paused', write, at }           at its pause point (before or after keychain write number
 *                                            `write`, counted from 1), where it waits to be killed;
 *   { event: 'done', writes }                after the last step, with the number of keychain writes made.
 */
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import type { SecretVault } from '../../src/main/keychain/ports';
import { runChild, say, startCore } from './child-core';
import { SEQUENCES, type RotationCrashArgs, type RotationCrashMessage } from './rotation-sequences';

runChild(async () => {
  const { dir, service, webhookId, sequence, pause } = JSON.parse(process.argv[2] ?? '') as RotationCrashArgs;
  const keychain = createKeytarVault(service);
  let writes = 0;

  async function checkpoint(at: 'before' | 'after'): Promise<void> {
    if (pause?.write !== writes || pause.at !== at) return;
    say({ event: 'paused', write: writes, at } satisfies RotationCrashMessage);
    await new Promise<never>(() => undefined); // does nothing more until the SIGKILL
  }
  async function write<T>(account: string, operation: () => Promise<T>, secret?: string): Promise<T> {
    writes++;
    await checkpoint('before');
    const result = await operation();
    const slot = account.split('#')[1] ?? 'current';
    say({ event: 'wrote', write: writes, slot, ...(secret && { secret }) } satisfies RotationCrashMessage);
    await checkpoint('after');
    return result;
  }
  const vault: SecretVault = {
    ...keychain,
    set: (account, secret) => write(account, () => keychain.set(account, secret), secret),
    delete: (account) => write(account, () => keychain.delete(account)),
  };

  const core = startCore(dir, vault);
  await core.services.keychain.startupCheck();
  for (const [step, { channel, input }] of SEQUENCES[sequence].entries()) {
    const result = await core.invoke(channel, { id: webhookId, ...input } as never);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    say({ event: 'ack', step } satisfies RotationCrashMessage);
  }
  say({ event: 'done', writes } satisfies RotationCrashMessage);
});

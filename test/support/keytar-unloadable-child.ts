/**
 * Child entry of test/main/keytar-unloadable.test.ts: the real core over a data dir with the real keytar
 * loader, in a process where the parent made keytar's native module unloadable. It prints one JSON line:
 * what keychain.check, app.notices (after the keychain check), webhooks.list and secrets.reveal answer.
 */
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import type { Result } from '../../src/shared/errors';
import { runChild, say, startCore } from './child-core';

export interface UnloadableChildArgs {
  dir: string;
  service: string;
  apiId: string;
  webhookId: string;
}

export interface UnloadableChildReport {
  check: Result<unknown>;
  notices: Result<unknown>;
  list: Result<unknown>;
  reveal: Result<unknown>;
}

runChild(async () => {
  const { dir, service, apiId, webhookId } = JSON.parse(process.argv[2] ?? '') as UnloadableChildArgs;
  const core = startCore(dir, createKeytarVault(service));
  await core.services.keychain.startupCheck();
  say({
    check: await core.invoke('keychain.check'),
    notices: await core.invoke('app.notices'),
    list: await core.invoke('webhooks.list', { apiId }),
    reveal: await core.invoke('secrets.reveal', { id: webhookId }),
  } satisfies UnloadableChildReport);
});

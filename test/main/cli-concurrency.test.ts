/**
 * The app and the command line write the same config.json at the same time (issue 14): 50 interleaved webhook
 * creates, half by the app's services in this process and half by CLI processes running alongside, lose nothing.
 */
import { describe, expect, it } from 'vitest';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import { assertCliBuilt, runCli } from '../support/cli-process';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';

const EACH = 25;
const CLI_AT_ONCE = 5;

describe('app and command line at once', () => {
  it(`${EACH * 2} interleaved creates: every webhook is in the config, with its secret in the keychain`, async () => {
    assertCliBuilt();
    const dir = tempDir();
    const app = await startHarness({ dir, vault: createKeytarVault() });
    const api = await app.ok('apis.create', { name: 'Invoices', versions: ['v1'] });

    const byApp = (async () => {
      for (let n = 0; n < EACH; n++) {
        await app.ok('webhooks.create', {
          apiId: api.id,
          version: 'v1',
          url: `https://app-${n}.example.com/`,
        });
      }
    })();
    const byCli = (async () => {
      for (let n = 0; n < EACH; n += CLI_AT_ONCE) {
        const batch = Array.from({ length: CLI_AT_ONCE }, (_, i) =>
          runCli(dir, [
            'webhooks',
            'create',
            '--api',
            api.id,
            '--version',
            'v1',
            '--url',
            `https://cli-${n + i}.example.com/`,
          ]),
        );
        for (const ran of await Promise.all(batch)) expect(ran.stderr).toBe('');
      }
    })();
    await Promise.all([byApp, byCli]);

    const fresh = await startHarness({ dir, vault: createKeytarVault() });
    const listed = await fresh.ok('webhooks.list', { apiId: api.id });
    const expected = Array.from({ length: EACH }, (_, n) => [
      `https://app-${n}.example.com/`,
      `https://cli-${n}.example.com/`,
    ]).flat();
    expect(listed.map((webhook) => webhook.url).sort()).toEqual(expected.sort());
    expect(listed.filter((webhook) => webhook.secretMissing)).toEqual([]);
  });
});

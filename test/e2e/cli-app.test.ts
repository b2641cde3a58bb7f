/**
 * The command line while the app runs (issue 14): the BUILT renderer and preload in Chromium, bridged to the real
 * main services, which watch the profile as the app does. A webhook the CLI creates appears in the list, and a
 * delivery the CLI sends appears in the app's log, within a second of the command's end.
 */
import { describe, expect, it } from 'vitest';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import { startBridgedApp } from '../support/bridge';
import { assertCliBuilt, runCli } from '../support/cli-process';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';

const WITHIN_MS = 1000;

describe('the app while the command line changes its profile', () => {
  it('a webhook created and a delivery sent by the CLI show up within 1 s', async () => {
    assertCliBuilt();
    const receiver = await startReceiver();
    try {
      const app = closeAfterEach(await startBridgedApp({ watchProfile: true, vault: createKeytarVault() }));
      const { page } = app;
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v1'] });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v1',
        url: 'https://app.example.com/',
      });
      await page.reload();
      const grid = page.getByRole('grid', { name: 'Webhooks' });
      await grid.getByRole('row').filter({ hasText: 'https://app.example.com/' }).waitFor();

      const url = `${receiver.url}/from-cli`;
      const created = await runCli(app.harness.dir, [
        '--json',
        'webhooks',
        'create',
        '--api',
        'Invoices',
        '--version',
        'v1',
        '--url',
        url,
      ]);
      expect(created.stderr).toBe('');
      await grid.getByRole('row').filter({ hasText: url }).waitFor({ timeout: WITHIN_MS });

      const { id } = JSON.parse(created.stdout) as { id: string };
      const sent = await runCli(app.harness.dir, ['send', id]);
      expect(sent.code).toBe(0);
      const deadline = Date.now() + WITHIN_MS;
      let logged = await app.harness.ok('deliveries.list', { webhookId: id });
      while (logged.length === 0 && Date.now() < deadline) {
        await new Promise((wake) => setTimeout(wake, 50));
        logged = await app.harness.ok('deliveries.list', { webhookId: id });
      }
      expect(logged.map((delivery) => delivery.response?.status)).toEqual([200]);
    } finally {
      await receiver.close();
    }
  });
});

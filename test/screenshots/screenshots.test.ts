/// <reference lib="dom" />
/**
 * `npm run screenshots`: PNGs of the Webhooks page's main states, taken from the BUILT app in Chromium
 * (through the e2e bridge, real main handlers and keychain), written to docs/screenshots/.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { startBridgedApp, type BridgedAppOptions } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { dialogAnswers } from '../support/electron-double';
import { tempDir } from '../support/temp';
import type { SecretVault } from '../../src/main/keychain/ports';
import { AppError } from '../../src/shared/errors';
import { startReceiver } from '../support/receiver';
import { startRotatingReceiver } from '../support/rotating-receiver';

const OUT = resolve('docs/screenshots');
mkdirSync(OUT, { recursive: true });

/** The app in Chromium at 1200×800 (the window's default size) unless a state asks for another size. */
const start = (options: BridgedAppOptions = {}) =>
  startBridgedApp({ viewport: { width: 1200, height: 800 }, ...options });

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(OUT, `${name}.png`) });

/** An API with three webhooks (one http), two created a while ago. */
async function withThreeWebhooks(options: BridgedAppOptions = {}): Promise<Page> {
  const app = closeAfterEach(await start(options));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  await app.harness.ok('apis.create', { name: 'Receipts', versions: ['v2'] });
  for (const [version, url] of [
    ['v4', 'https://api.acme.example/webhooks/invoices'],
    ['v4', 'https://staging.acme.example/webhooks/invoices'],
    ['v3', 'http://localhost:8080/hooks'],
  ] as const) {
    await app.harness.ok('webhooks.create', { apiId: api.id, version, url });
  }
  await app.page.reload();
  await app.page.getByRole('grid', { name: 'Webhooks' }).waitFor();
  return app.page;
}

const rowButton = (page: Page, index: number, name: string) =>
  page
    .getByRole('grid', { name: 'Webhooks' })
    .getByRole('row')
    .nth(index)
    .getByRole('button', { name, exact: true });

describe('screenshots', () => {
  it('empty: no API yet', async () => {
    const app = closeAfterEach(await start());
    await app.page.getByRole('heading', { name: 'Start by adding an API' }).waitFor();
    await shot(app.page, 'empty');
  });

  it('list with three webhooks, secret revealed, menu open', async () => {
    const page = await withThreeWebhooks();
    await page.mouse.move(0, 0);
    await shot(page, 'list');
    await rowButton(page, 1, 'Reveal signing secret').click();
    await rowButton(page, 1, 'Hide signing secret').waitFor();
    await page.mouse.move(0, 0);
    await shot(page, 'secret-revealed');
    await rowButton(page, 1, 'Hide signing secret').click();
    await rowButton(page, 2, 'More actions').click();
    await page.getByRole('menu').waitFor();
    await shot(page, 'menu-open');
  });

  it('create form with a validation error', async () => {
    const page = await withThreeWebhooks();
    await page.getByRole('button', { name: 'Create a new webhook', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a new webhook' });
    await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill('api.acme.example/hooks');
    await dialog.getByRole('button', { name: 'Create new webhook', exact: true }).click();
    await dialog.getByText(/This is not an absolute URL/).waitFor();
    await shot(page, 'create-validation-error');
  });

  it('keychain unavailable banner', async () => {
    const down = () =>
      Promise.reject(
        new AppError(
          'KEYCHAIN_UNAVAILABLE',
          'The system keychain did not answer: no Secret Service is running on the session bus.',
        ),
      );
    const vault: SecretVault = { get: down, set: down, delete: down, list: down, probe: down };
    const app = closeAfterEach(await start({ vault }));
    await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    await app.page.reload();
    await app.page.getByRole('alert', { name: 'The system keychain is not available' }).waitFor();
    await shot(app.page, 'keychain-unavailable');
  });

  it('list at 800×600', async () => {
    const page = await withThreeWebhooks({ viewport: { width: 800, height: 600 } });
    await page.mouse.move(0, 0);
    await shot(page, 'list-800x600');
  });

  it('leftover signing secrets notice', async () => {
    const app = closeAfterEach(await start({ keychainCheck: false }));
    const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    await app.harness.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://api.acme.example/hooks',
    });
    // What a crash between a delete's config write and its keychain removal leaves behind.
    await app.harness.vault.set(app.harness.account(crypto.randomUUID()), 'whsec_screenshot-leftover');
    await app.page.reload();
    await app.harness.services.keychain.startupCheck();
    await app.page.getByRole('button', { name: 'Remove them', exact: true }).waitFor();
    await shot(app.page, 'leftover-secrets');
  });

  it('dark theme', async () => {
    const page = await withThreeWebhooks({ colorScheme: 'dark' });
    await page.mouse.move(0, 0);
    await shot(page, 'dark');
  });

  it('"Export with secrets" and the import preview (1200×800; 800×600 dark)', async () => {
    for (const { suffix, options } of [
      { suffix: '', options: {} },
      { suffix: '-800x600-dark', options: { viewport: { width: 800, height: 600 }, colorScheme: 'dark' } },
    ] as const) {
      const app = closeAfterEach(await start(options));
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
      const gone = await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://api.acme.example/webhooks/invoices',
      });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://staging.acme.example/webhooks/invoices',
      });
      await app.page.reload();
      const path = join(tempDir(), 'hookwarden.json.age');
      dialogAnswers.save = path;
      await app.menuCommand('exportWithSecrets');
      const exportDialog = app.page.getByRole('dialog', { name: 'Export with secrets' });
      await exportDialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
      await exportDialog.getByLabel('Repeat passphrase').fill('correct horse battery staple');
      await shot(app.page, `export-with-secrets${suffix}`);
      await app.page.keyboard.press('Enter');
      await exportDialog.waitFor({ state: 'detached' });

      // One webhook deleted since: the preview adds it back and asks about the other.
      await app.harness.ok('webhooks.delete', { id: gone.id });
      await app.page.reload();
      dialogAnswers.open = path;
      await app.menuCommand('import');
      const importDialog = app.page.getByRole('dialog', { name: 'Import configuration' });
      await importDialog.getByLabel('Passphrase').fill('correct horse battery staple');
      await app.page.keyboard.press('Enter');
      await importDialog.getByRole('region', { name: 'Webhooks to add (1)' }).waitFor();
      await shot(app.page, `import-preview${suffix}`);
    }
  });

  it('deliveries panel (light and dark) and the payload editor', async () => {
    let count = 0;
    const receiver = closeAfterEach(
      await startReceiver((_request, response) => {
        count++;
        const status = count === 2 ? 500 : 200;
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ received: status === 200 }));
      }),
    );
    const variants = [
      { colorScheme: 'light', name: 'deliveries', editor: 'payload-editor-invalid' },
      { colorScheme: 'dark', name: 'deliveries-dark', editor: 'payload-editor-dark' },
      { colorScheme: 'light', name: 'deliveries-800x600', viewport: { width: 800, height: 600 } },
    ] as const;
    for (const variant of variants) {
      count = 0;
      const { colorScheme } = variant;
      const viewport = 'viewport' in variant ? { viewport: variant.viewport } : {};
      const app = closeAfterEach(await start({ colorScheme, ...viewport }));
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      const webhook = await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: `${receiver.url}/webhooks/invoices`,
        scheme: 'standard-webhooks',
      });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v3',
        url: 'https://api.acme.example/hooks',
      });
      await app.harness.ok('deliveries.send', { webhookId: webhook.id });
      await app.harness.ok('deliveries.send', { webhookId: webhook.id });
      await app.page.reload();
      const page = app.page;
      await page
        .getByRole('grid', { name: 'Webhooks' })
        .locator('[data-url-text]', { hasText: `${receiver.url}/webhooks/invoices` }) // the URL as shown
        .click();
      const region = page.getByRole('region', { name: 'Deliveries', exact: true });
      await region.getByRole('listitem').nth(1).getByRole('button').click();
      await region.getByRole('tab', { name: 'Request', exact: true }).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, variant.name);
      if (!('editor' in variant)) continue;
      await region.getByRole('button', { name: 'Edit test payload', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit test payload' });
      await dialog.getByRole('textbox', { name: 'Test payload JSON' }).click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Backspace');
      await dialog.locator('.cm-lint-marker-error').first().waitFor();
      await shot(page, variant.editor);
    }
  });

  describe('the Inbox', () => {
    /** A port nothing listens on right now. */
    async function freePort(): Promise<number> {
      const server = createServer().listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      return port;
    }

    /** The Inbox page of an app with one API, listening (started from the page) on a free port. */
    async function inboxPage(options: BridgedAppOptions) {
      const app = closeAfterEach(await start(options));
      closeAfterEach({ close: async () => void (await app.harness.services.inbox.stop()) });
      await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      await app.page.reload();
      const page = app.page;
      await page.getByRole('button', { name: 'Receive webhooks', exact: true }).click();
      const port = await freePort();
      await page.getByRole('spinbutton', { name: 'Port', exact: true }).fill(String(port));
      await page.getByRole('button', { name: 'Start receiving', exact: true }).click();
      await page.getByRole('button', { name: 'Stop receiving', exact: true }).waitFor();
      return { app, page, address: `http://127.0.0.1:${port}` };
    }

    it('with requests: the app’s signed delivery open, other answers (1200×800, 800×600, dark)', async () => {
      for (const variant of [
        { name: 'inbox', options: {} },
        { name: 'inbox-800x600', options: { viewport: { width: 800, height: 600 } } },
        { name: 'inbox-dark', options: { colorScheme: 'dark' } },
      ] as const) {
        const { app, page, address } = await inboxPage(variant.options);
        const api = (await app.harness.ok('apis.list'))[0];
        const webhook = await app.harness.ok('webhooks.create', {
          apiId: api?.id ?? '',
          version: 'v4',
          url: `${address}/webhooks/invoices`,
          scheme: 'standard-webhooks',
        });
        await app.harness.ok('deliveries.send', { webhookId: webhook.id });
        const post = (path: string, body: string, headers: Record<string, string> = {}) =>
          fetch(`${address}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...headers },
            body,
          });
        await post('/webhooks/github', '{"action":"opened","number":42}', {
          'X-GitHub-Event': 'pull_request',
        });
        await app.harness.ok('inbox.setResponse', { status: 503, delaySeconds: 0 });
        await post('/webhooks/invoices?retry=1', '{"type":"invoice.paid"}');
        await app.harness.ok('inbox.setResponse', { status: 401, delaySeconds: 2 });
        await post('/webhooks/stripe', '{"id":"evt_1","type":"charge.succeeded"}', {
          'Stripe-Signature':
            't=1764300000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
        });
        const list = page.getByRole('listbox', { name: 'Received requests, in arrival order' });
        await list.getByRole('option').nth(3).waitFor();
        await list.getByRole('option').first().click();
        await page.getByRole('article', { name: 'Request: POST /webhooks/invoices' }).waitFor();
        await page.mouse.move(0, 0);
        await shot(page, variant.name);
      }
    });

    it('a port in use, with the network opt-in’s warning', async () => {
      const taken = createServer().listen(0, '127.0.0.1');
      await once(taken, 'listening');
      closeAfterEach({ close: () => new Promise<void>((resolve) => taken.close(() => resolve())) });
      const app = closeAfterEach(await start());
      const page = app.page;
      await page.getByRole('button', { name: 'Receive webhooks', exact: true }).click();
      await page
        .getByRole('spinbutton', { name: 'Port', exact: true })
        .fill(String((taken.address() as AddressInfo).port));
      await page.getByRole('checkbox', { name: 'Listen on all network interfaces' }).check();
      await page.getByRole('button', { name: 'Start receiving', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'already in use' }).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, 'inbox-port-in-use');
    });
  });

  describe('secret rotation', () => {
    const rotationRow = (page: Page) =>
      page
        .getByRole('grid', { name: 'Webhooks' })
        .getByRole('row')
        .filter({ hasText: 'acme.example/webhooks' });

    /** An API with a Standard Webhooks webhook and one more (Mindee), the first at `url`. */
    async function twoWebhooks(
      options: BridgedAppOptions,
      scheme: 'standard-webhooks' | 'mindee',
      url: string,
    ) {
      const app = closeAfterEach(await start(options));
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      const webhook = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url, scheme });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v3',
        url: 'https://staging.acme.example/hooks',
      });
      await app.page.reload();
      await app.page.getByRole('grid', { name: 'Webhooks' }).waitFor();
      return { app, webhook };
    }

    async function openRoll(page: Page, item = 'Roll signing secret') {
      await rotationRow(page).getByRole('button', { name: 'More actions', exact: true }).click();
      await page.getByRole('menuitem', { name: item, exact: true }).click();
      return page.getByRole('dialog', { name: 'Roll signing secret' });
    }

    it('the roll dialog and a rotating row (1200×800, 800×600, dark)', async () => {
      for (const variant of [
        { suffix: '', options: {} },
        { suffix: '-800x600', options: { viewport: { width: 800, height: 600 } } },
        { suffix: '-dark', options: { colorScheme: 'dark' } },
      ] as const) {
        const { app } = await twoWebhooks(
          variant.options,
          'standard-webhooks',
          'https://api.acme.example/webhooks/invoices',
        );
        const page = app.page;
        const dialog = await openRoll(page);
        await dialog.getByRole('radiogroup', { name: 'Keep the old secret valid for' }).waitFor();
        await shot(page, `rotation-roll-dialog${variant.suffix}`);
        await dialog.getByRole('button', { name: 'Roll secret', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await rotationRow(page).getByText('old secret expires in 24 h').waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `rotation-rotating-row${variant.suffix}`);
        if (variant.suffix === '-dark') continue;
        await rotationRow(page)
          .getByRole('button', { name: 'Reveal previous signing secret', exact: true })
          .click();
        await rotationRow(page).locator('[data-revealed-previous]').waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `rotation-previous-revealed${variant.suffix}`);
        await openRoll(page);
        await page.locator('[data-overlap-warning]').waitFor();
        await shot(page, `rotation-roll-again${variant.suffix}`);
      }
    });

    it('each step of the guided rotation (800×600; step 2 also dark)', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const receiver = await startRotatingReceiver('mindee');
        const url = `${receiver.url}/acme.example/webhooks/invoices`;
        const { app, webhook } = await twoWebhooks(
          { viewport: { width: 800, height: 600 }, colorScheme },
          'mindee',
          url,
        );
        const page = app.page;
        const suffix = colorScheme === 'dark' ? '-dark' : '';
        receiver.known.add((await app.harness.ok('secrets.reveal', { id: webhook.id })).secret);
        const dialog = await openRoll(page);
        await dialog.getByRole('heading', { name: 'Step 1 of 4: create the new secret' }).waitFor();
        if (!suffix) await shot(page, 'rotation-guided-1-create');
        await dialog.getByRole('button', { name: 'Roll secret', exact: true }).click();
        await dialog.getByRole('heading', { name: 'Step 2 of 4: test both secrets' }).waitFor();
        await dialog.getByRole('button', { name: 'Test the new secret', exact: true }).click();
        await dialog.getByText('Refused: 401 Unauthorized').waitFor();
        await dialog.getByRole('button', { name: 'Test the current secret', exact: true }).click();
        await dialog.getByText('Accepted: 200 OK').waitFor();
        await shot(page, `rotation-guided-2-test${suffix}`);
        if (suffix) continue;
        await dialog.getByRole('button', { name: 'Continue later', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.mouse.move(0, 0);
        await shot(page, 'rotation-guided-row');
        receiver.known.add((await app.harness.ok('secrets.reveal', { id: webhook.id, role: 'next' })).secret);
        await openRoll(page, 'Continue rotation');
        await dialog.getByRole('button', { name: 'Test the new secret', exact: true }).click();
        await dialog.getByRole('heading', { name: 'Step 3 of 4: switch to the new secret' }).waitFor();
        await shot(page, 'rotation-guided-3-switch');
        await dialog.getByRole('button', { name: 'Switch to the new secret', exact: true }).click();
        await dialog.getByRole('heading', { name: /^Step 4 of 4/ }).waitFor();
        await dialog.getByRole('button', { name: 'Check the old secret is refused', exact: true }).click();
        await dialog.getByRole('alert').waitFor();
        await shot(page, 'rotation-guided-4-check-accepted');
        receiver.known.clear();
        receiver.known.add((await app.harness.ok('secrets.reveal', { id: webhook.id })).secret);
        await dialog.getByRole('button', { name: 'Check the old secret is refused', exact: true }).click();
        await dialog.getByText('Refused: 401 Unauthorized').waitFor();
        await shot(page, 'rotation-guided-4-check-refused');
      }
    });
  });

  describe('checks before going live (issue 13)', () => {
    /** An API with one webhook of `scheme` whose receiver on 127.0.0.1 answers with `respond`. */
    async function oneWebhook(
      options: BridgedAppOptions,
      scheme: 'standard-webhooks' | 'mindee',
      respond?: Parameters<typeof startReceiver>[0],
    ) {
      const receiver = closeAfterEach(await startReceiver(respond));
      const url = `${receiver.url}/webhooks/invoices`;
      const app = closeAfterEach(await start(options));
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      const webhook = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url, scheme });
      await app.page.reload();
      const row = app.page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: url });
      await row.waitFor();
      const choose = async (item: string) => {
        await row.getByRole('button', { name: 'More actions', exact: true }).click();
        await app.page.getByRole('menuitem', { name: item, exact: true }).click();
      };
      return { app, page: app.page, webhook, url, row, choose };
    }

    const sizes = [
      { suffix: '', options: {} },
      { suffix: '-800x600-dark', options: { viewport: { width: 800, height: 600 }, colorScheme: 'dark' } },
    ] as const;

    it('"Endpoint check": the six checks (1200×800; 800×600 dark)', async () => {
      for (const { suffix, options } of sizes) {
        const { page, choose } = await oneWebhook(options, 'standard-webhooks');
        await choose('Check endpoint');
        const dialog = page.getByRole('dialog', { name: 'Endpoint check', exact: true });
        await dialog.getByRole('list', { name: 'Checks' }).waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `endpoint-check${suffix}`);
      }
    });

    it('"Check receiver security": a receiver that ignores the timestamp, and the confirmation (1200×800; 800×600 dark)', async () => {
      for (const { suffix, options } of sizes) {
        let secret = '';
        const { app, page, webhook, choose } = await oneWebhook(
          options,
          'standard-webhooks',
          (request, response) => {
            // Checks the HMAC, never the timestamp: only the replay probes fail.
            const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
            const id = String(request.headers['webhook-id']);
            const signed = `${id}.${String(request.headers['webhook-timestamp'])}.${request.body}`;
            const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
            const ok = String(request.headers['webhook-signature']).split(' ').includes(expected);
            response.writeHead(ok ? 204 : 401).end();
          },
        );
        secret = (await app.harness.ok('secrets.reveal', { id: webhook.id })).secret;
        await choose('Check receiver security');
        const dialog = page.getByRole('dialog', { name: 'Receiver security check', exact: true });
        await dialog.getByRole('list', { name: 'Probes' }).waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `receiver-security${suffix}`);
      }
      // A host other than this machine: asked first.
      const app = closeAfterEach(await start());
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://api.acme.example/webhooks/invoices',
      });
      await app.page.reload();
      await app.page.getByRole('button', { name: 'More actions', exact: true }).click();
      await app.page.getByRole('menuitem', { name: 'Check receiver security', exact: true }).click();
      await app.page.getByRole('alertdialog', { name: 'Send forged requests?' }).waitFor();
      await shot(app.page, 'receiver-security-confirm');
    });

    it('"Send with retries": the schedule, a run, the attempts in the log (1200×800; 800×600 dark)', async () => {
      for (const { suffix, options } of sizes) {
        let count = 0;
        const { page, row } = await oneWebhook(options, 'standard-webhooks', (_request, response) => {
          count++;
          response.writeHead(count < 4 ? 503 : 200).end();
        });
        await row.click();
        const region = page.getByRole('region', { name: 'Deliveries', exact: true });
        await region.getByRole('button', { name: 'Send with retries', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Send with retries', exact: true });
        await dialog.getByRole('combobox', { name: 'Time scale' }).selectOption({ label: '1 s per day' });
        await page.mouse.move(0, 0);
        await shot(page, `retries-schedule${suffix}`);
        await dialog.getByRole('button', { name: 'Start retries', exact: true }).click();
        await dialog.getByText(/Succeeded: attempt 4 of 8/).waitFor();
        await dialog.getByRole('list', { name: 'Attempts' }).getByText('200', { exact: true }).waitFor();
        await shot(page, `retries-run${suffix}`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await region.getByRole('listitem').filter({ hasText: 'Attempt 4 of 8' }).waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `retries-deliveries${suffix}`);
      }
    });
  });

  describe('receiver code', () => {
    /** The "Receiver code" dialog of a Stripe webhook (rolled: during an overlap), in `language`. */
    async function receiverCode(options: BridgedAppOptions, language: string, rolled = false) {
      const app = closeAfterEach(await start(options));
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      const url = 'https://api.acme.example/webhooks/stripe';
      const webhook = await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url,
        scheme: 'stripe',
      });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v3',
        url: 'https://staging.acme.example/hooks',
      });
      if (rolled) await app.harness.ok('rotation.roll', { id: webhook.id });
      await app.page.reload();
      const page = app.page;
      const row = page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: url });
      await row.getByRole('button', { name: 'More actions', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Receiver code', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Receiver code', exact: true });
      await dialog.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: language });
      await dialog
        .locator('[data-receiver-code]')
        .filter({ hasText: rolled ? 'HOOKWARDEN_PREVIOUS_SECRET' : 'HOOKWARDEN_SECRET' })
        .waitFor();
      await page.mouse.move(0, 0);
      return page;
    }

    it('a Stripe webhook in Express (1200×800, 800×600, dark) and in Flask during a rotation', async () => {
      for (const variant of [
        { name: 'receiver-code', options: {} },
        { name: 'receiver-code-800x600', options: { viewport: { width: 800, height: 600 } } },
        { name: 'receiver-code-dark', options: { colorScheme: 'dark' } },
      ] as const) {
        await shot(await receiverCode(variant.options, 'Node.js (Express)'), variant.name);
      }
      await shot(
        await receiverCode({ viewport: { width: 800, height: 600 } }, 'Python (Flask)', true),
        'receiver-code-rotation-800x600',
      );
    });
  });

  describe('the signature doctor', () => {
    /**
     * An app with the API Invoices and a Stripe webhook (v4) to a receiver on 127.0.0.1 answering `status`, plus a
     * Mindee one (v3); one test delivery sent.
     */
    async function withDelivery(options: BridgedAppOptions, status = 200) {
      const receiver = closeAfterEach(
        await startReceiver((_request, response) => response.writeHead(status).end()),
      );
      const app = closeAfterEach(await start(options));
      closeAfterEach({ close: async () => void (await app.harness.services.inbox.stop()) });
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
      const url = `${receiver.url}/webhooks/invoices`;
      const webhook = await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url,
        scheme: 'stripe',
      });
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v3',
        url: 'https://staging.acme.example/hooks',
      });
      const sent = await app.harness.ok('deliveries.send', { webhookId: webhook.id });
      await app.page.reload();
      await app.page.getByRole('grid', { name: 'Webhooks' }).waitFor();
      return { app, page: app.page, webhook, sent, url };
    }

    async function openDoctor(page: Page) {
      await page.getByRole('button', { name: 'Signature doctor', exact: true }).click();
      await page
        .getByRole('combobox', { name: 'Check against' })
        .getByRole('option', { name: 'A secret I paste' })
        .waitFor({ state: 'attached' });
    }

    async function diagnose(page: Page, request: string) {
      await page.getByRole('textbox', { name: 'Request', exact: true }).fill(request);
      await page.getByRole('button', { name: 'Diagnose', exact: true }).click();
      await page.getByRole('region', { name: 'Diagnosis', exact: true }).locator('[data-verdict]').waitFor();
      await page.mouse.move(0, 0);
    }

    it('the page: a delivery’s Copy as curl (valid), a re-serialised body (invalid; 800×600, dark)', async () => {
      for (const variant of [
        { suffix: '', options: {} },
        { suffix: '-800x600', options: { viewport: { width: 800, height: 600 } } },
        { suffix: '-dark', options: { colorScheme: 'dark' } },
      ] as const) {
        const { app, page, sent } = await withDelivery(variant.options);
        await openDoctor(page);
        if (variant.suffix === '') {
          const { command } = await app.harness.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
          await diagnose(page, command);
          await page.getByText('What was tried', { exact: true }).click();
          await page.mouse.move(0, 0);
          await shot(page, 'doctor-valid');
        }
        // As express.json() and JSON.stringify(body, null, 2) hand it to the check.
        const raw = [
          'POST /webhooks/invoices HTTP/1.1',
          ...Object.entries(sent.request.headers).map(([name, value]) => `${name}: ${value}`),
          '',
          JSON.stringify(JSON.parse(sent.request.body), null, 2),
        ].join('\n');
        await diagnose(page, raw);
        // In a short window, the diagnosis at the top.
        if (variant.suffix === '-800x600')
          await page
            .getByRole('region', { name: 'Diagnosis', exact: true })
            .evaluate((section) => section.scrollIntoView({ block: 'start' }));
        await shot(page, `doctor-invalid${variant.suffix}`);
      }
    });

    it('"Diagnose" on a delivery refused with a 401 (1200×800, dark)', async () => {
      for (const variant of [
        { suffix: '', options: {} },
        { suffix: '-dark', options: { colorScheme: 'dark' } },
      ] as const) {
        const { page, url } = await withDelivery(variant.options, 401);
        await page
          .getByRole('grid', { name: 'Webhooks' })
          .getByRole('row')
          .filter({ hasText: url })
          .locator('[data-url-text]')
          .click();
        const region = page.getByRole('region', { name: 'Deliveries', exact: true });
        await region.getByRole('listitem').first().getByRole('button').click();
        await region.getByRole('button', { name: 'Diagnose', exact: true }).click();
        await page.getByRole('dialog').locator('[data-verdict]').waitFor();
        await page.mouse.move(0, 0);
        await shot(page, `doctor-delivery-401${variant.suffix}`);
      }
    });

    it('the Inbox: a received request’s verdict, its webhook detected (1200×800, 800×600)', async () => {
      for (const variant of [
        { suffix: '', options: {} },
        { suffix: '-800x600', options: { viewport: { width: 800, height: 600 } } },
      ] as const) {
        const { app, page, webhook } = await withDelivery(variant.options);
        const server = createServer().listen(0, '127.0.0.1');
        await once(server, 'listening');
        const { port } = server.address() as AddressInfo;
        await new Promise((done) => server.close(done));
        const inbox = await app.harness.ok('inbox.start', { port });
        await app.harness.ok('webhooks.updateUrl', { id: webhook.id, url: `${inbox.url}/webhooks/invoices` });
        await app.harness.ok('deliveries.send', { webhookId: webhook.id });
        await fetch(`${inbox.url}/webhooks/github`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'ping' },
          body: '{"zen":"Keep it logically awesome."}',
        });
        await page.getByRole('button', { name: 'Receive webhooks', exact: true }).click();
        const list = page.getByRole('listbox', { name: 'Received requests, in arrival order' });
        await list.getByRole('option').nth(1).waitFor();
        await list.getByRole('option').first().click();
        const detail = page.getByRole('article', { name: 'Request: POST /webhooks/invoices' });
        await detail.locator('[data-verdict]').waitFor();
        await detail
          .getByRole('region', { name: 'Signature', exact: true })
          .evaluate((section) => section.scrollIntoView({ block: 'start' }));
        await page.mouse.move(0, 0);
        await shot(page, `doctor-inbox-verdict${variant.suffix}`);
      }
    });
  });
});

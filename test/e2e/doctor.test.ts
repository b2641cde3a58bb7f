/// <reference lib="dom" />
/**
 * Issue 12's signature doctor end to end on the BUILT renderer and preload in Chromium, bridged to the real main
 * handlers (real keychain, a real receiver on 127.0.0.1 that refuses with a 401, the real Inbox): "Diagnose" on
 * the refused delivery says what the receiver must do; its "Copy as curl", pasted into "Request" on the
 * "Signature doctor" page and checked against its webhook, is Valid; a tampered body and a pasted secret with a
 * line break are explained; the Inbox shows the verdict on a request it received. Axe at 800×600, light and
 * dark.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp, type BridgedApp, type BridgedAppOptions } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { freePort } from '../support/free-port';
import { startReceiver } from '../support/receiver';

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const row = (page: Page, url: string) =>
  page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: url });
const requestField = (page: Page) => page.getByRole('textbox', { name: 'Request', exact: true });
const againstField = (page: Page) => page.getByRole('combobox', { name: 'Check against', exact: true });
const result = (page: Page) => page.getByRole('region', { name: 'Diagnosis', exact: true });
const verdict = (scope: Locator) => scope.locator('[data-verdict]');
const rules = (scope: Locator) =>
  scope.locator('[data-rule]').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));

/** An app with the API Invoices and a Stripe webhook to a real receiver that refuses everything with a 401. */
async function appWithRefusingReceiver(options: BridgedAppOptions = {}) {
  const receiver = closeAfterEach(await startReceiver((_request, response) => response.writeHead(401).end()));
  const app: BridgedApp = closeAfterEach(await startBridgedApp(options));
  closeAfterEach({ close: async () => void (await app.harness.services.inbox.stop()) });
  const { page } = app;
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const url = `${receiver.url}/hooks`;
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const webhook = await app.harness.ok('webhooks.create', {
    apiId: api.id,
    version: 'v4',
    url,
    scheme: 'stripe',
  });
  await page.reload();
  await row(page, url).waitFor();
  return { app, page, url, webhook, name: `Invoices v4 (${url})`, cspViolations };
}

/** Opens the Signature doctor page from the sidebar, once its webhooks are listed. */
async function openDoctor(page: Page) {
  await button(page.getByRole('navigation', { name: 'Tools' }), 'Signature doctor').click();
  await page.getByRole('heading', { name: 'Signature doctor', level: 1 }).waitFor();
  await againstField(page).getByRole('option', { name: 'A secret I paste' }).waitFor({ state: 'attached' });
}

/** Pastes `text` into the focused field as the clipboard would (a password field then keeps a line break). */
async function paste(field: Locator, text: string) {
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

async function diagnose(page: Page): Promise<Locator> {
  await button(page, 'Diagnose').click();
  await verdict(result(page)).waitFor();
  return result(page);
}

describe('the signature doctor, end to end', () => {
  it('"Diagnose" on a 401, then the delivery\'s "Copy as curl" on the Signature doctor page', async () => {
    const { app, page, url, webhook, name, cspViolations } = await appWithRefusingReceiver();
    const sent = await app.harness.ok('deliveries.send', { webhookId: webhook.id });
    expect(sent.response?.status).toBe(401);

    // The refused delivery: "Diagnose" says Hookwarden signed it right, and what the receiver must do.
    await row(page, url).locator('[data-url-text]').click();
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await region.getByRole('listitem').first().getByRole('button').click();
    await button(region, 'Diagnose').click();
    const dialog = page.getByRole('dialog', { name: 'Why the receiver answered 401 Unauthorized' });
    await verdict(dialog).waitFor();
    expect(await verdict(dialog).getAttribute('data-verdict')).toBe('valid');
    const advice = dialog.getByRole('region', { name: 'What the receiver must do' });
    expect(await advice.textContent()).toContain(
      "Hookwarden signed this delivery correctly, yet your receiver answered 401: the problem is on the receiver's side.",
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await button(region, 'Copy as curl').click();
    await expect.poll(() => app.clipboardText()).toMatch(/^curl /);
    const command = await app.clipboardText();

    // Pasted on the Signature doctor page, checked against its webhook: Valid.
    await openDoctor(page);
    expect(await againstField(page).getByRole('option').allTextContents()).toEqual([
      name,
      'A secret I paste',
    ]);
    await requestField(page).fill(command);
    expect(await requestField(page).evaluate((field) => getComputedStyle(field).fontFamily)).toMatch(/mono/i);
    let diagnosis = await diagnose(page);
    expect(await verdict(diagnosis).textContent()).toBe(`Valid — signed with the current secret of ${name}`);
    expect(await diagnosis.locator('[data-evidence]').textContent()).toBe('Matched exactly as sent');
    expect(await diagnosis.locator('[data-matched-with]').textContent()).toBe(
      `the current secret of ${name}`,
    );
    // "What was tried", open with the keyboard: the rule ids in order.
    const tried = diagnosis.getByText('What was tried', { exact: true });
    await tried.focus();
    await page.keyboard.press('Enter');
    const list = diagnosis.getByRole('list', { name: 'Rules tried, in order' });
    await list.waitFor();
    expect(await list.getByRole('listitem').last().textContent()).toBe('signature-exact');
    expect(await axeViolations(page)).toEqual([]);

    // The body changed after signing: nothing explains it, and the finding says so with its fix.
    await requestField(page).fill(command.replace("--data-raw '{", `--data-raw '{"tampered":true,`));
    diagnosis = await diagnose(page);
    expect(await verdict(diagnosis).getAttribute('data-verdict')).toBe('invalid');
    expect(await rules(diagnosis)).toEqual(['signature-no-match']);
    expect(await diagnosis.getByText(/^Fix:/).count()).toBe(1);

    // "A secret I paste": a password field; the secret copied with its line break is named as the mistake.
    await requestField(page).fill(command);
    await againstField(page).selectOption({ label: 'A secret I paste' });
    const secretField = page.getByLabel('Secret', { exact: true });
    expect(await secretField.getAttribute('type')).toBe('password');
    const secret = (await app.harness.ok('secrets.reveal', { id: webhook.id })).secret;
    await paste(secretField, `${secret}\n`);
    diagnosis = await diagnose(page);
    expect(await verdict(diagnosis).getAttribute('data-verdict')).toBe('invalid');
    expect((await rules(diagnosis))[0]).toBe('secret-whitespace');
    await secretField.fill(secret);
    diagnosis = await diagnose(page);
    expect(await verdict(diagnosis).textContent()).toBe('Valid — signed with the secret you pasted');
    expect(await page.content()).not.toContain(secret);

    // Leaving the page forgets the secret.
    await button(page, 'Receive webhooks').click();
    await openDoctor(page);
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe('');
    expect(cspViolations).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`at 800×600 (${colorScheme}): the doctor's findings and the Inbox verdict fit, and axe finds nothing`, async () => {
      const { app, page, webhook } = await appWithRefusingReceiver({
        viewport: { width: 800, height: 600 },
        colorScheme,
      });
      const sent = await app.harness.ok('deliveries.send', { webhookId: webhook.id });
      const { command } = await app.harness.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
      await openDoctor(page);
      // Re-serialised JSON: the evidence says what was changed to make it match.
      const body = JSON.stringify(JSON.parse(sent.request.body), null, 2);
      const raw = [
        'POST /hooks HTTP/1.1',
        ...Object.entries(sent.request.headers).map(([key, value]) => `${key}: ${value}`),
        '',
        body,
      ].join('\n');
      expect(command).toContain('Stripe-Signature');
      await requestField(page).fill(raw);
      const diagnosis = await diagnose(page);
      expect(await verdict(diagnosis).getAttribute('data-verdict')).toBe('invalid');
      expect(await diagnosis.locator('[data-evidence]').textContent()).toMatch(/^Matched after: /);
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBe(0);
      await button(page, 'Diagnose').scrollIntoViewIfNeeded();
      expect(await button(page, 'Diagnose').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      // The Inbox: the app's own delivery, received; its verdict names the webhook that signed it.
      const inbox = await app.harness.ok('inbox.start', { port: await freePort() });
      await app.harness.ok('webhooks.updateUrl', { id: webhook.id, url: `${inbox.url}/in` });
      await app.harness.ok('deliveries.send', { webhookId: webhook.id });
      await button(page, 'Receive webhooks').click();
      const list = page.getByRole('listbox', { name: 'Received requests, in arrival order' });
      await list.getByRole('option').first().click();
      const detail = page.getByRole('article', { name: 'Request: POST /in' });
      const signature = detail.getByRole('region', { name: 'Signature', exact: true });
      expect(
        await signature
          .getByRole('combobox', { name: 'Verify against' })
          .locator('option:checked')
          .textContent(),
      ).toBe('Detect the webhook');
      await verdict(signature).waitFor();
      expect(await verdict(signature).textContent()).toBe(
        `Valid — signed with the current secret of Invoices v4 (${inbox.url}/in)`,
      );
      expect(await overflow()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

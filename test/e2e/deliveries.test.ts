/// <reference lib="dom" />
/**
 * Issue 4 end to end on the BUILT renderer and preload in Chromium, bridged to the real main handlers:
 * a loopback receiver that verifies every request with the scheme's official verifier, webhooks created
 * from the UI, test deliveries sent, redelivered and copied as curl from the UI, and that curl run for real.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { startBridgedApp, type BridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver, type Receiver } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const run = promisify(execFile);

/** What the receiver knows per path: the scheme and the secret to verify with (set once the UI created it). */
const endpoints = new Map<string, { scheme: SignatureScheme; secret: string }>();
/** Per request received, in order: whether its signature verified. */
let verdicts: boolean[] = [];

async function verifyingReceiver(): Promise<Receiver> {
  endpoints.clear();
  verdicts = [];
  return startReceiver(async (request, response) => {
    const endpoint = endpoints.get(request.path);
    const valid = endpoint ? await verifyDelivery(endpoint.scheme, endpoint.secret, request) : false;
    verdicts.push(valid);
    response
      .writeHead(valid ? 200 : 401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ verified: valid }));
  });
}

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const table = (page: Page) => page.getByRole('grid', { name: 'Webhooks' });
const row = (page: Page, url: string) => table(page).getByRole('row').filter({ hasText: url });
const deliveries = (page: Page) => page.getByRole('region', { name: 'Deliveries', exact: true });
const records = (page: Page) => deliveries(page).getByRole('listitem');

async function addApi(page: Page): Promise<void> {
  await button(page, 'Add API').click();
  const dialog = page.getByRole('dialog', { name: 'Add API' });
  await dialog.getByRole('textbox', { name: 'API name' }).fill('Invoices');
  await dialog.getByRole('textbox', { name: 'Product versions' }).fill('v4');
  await button(dialog, 'Save').click();
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
}

/** Creates a webhook from the UI (picking a scheme under "Advanced" unless it is Mindee) and tells the receiver its secret. */
async function createWebhook(app: BridgedApp, url: string, scheme: SignatureScheme, label: string) {
  const { page } = app;
  await button(page, 'Create a new webhook').click();
  const dialog = page.getByRole('dialog', { name: 'Create a new webhook' });
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(url);
  if (scheme !== 'mindee') {
    await button(dialog, 'Advanced').click();
    await dialog.getByRole('combobox', { name: 'Signature scheme' }).selectOption({ label });
  }
  await button(dialog, 'Create new webhook').click();
  await dialog.waitFor({ state: 'detached' });
  await row(page, url).getByText(label, { exact: true }).waitFor();
  const [api] = await app.harness.ok('apis.list');
  const webhook = (await app.harness.ok('webhooks.list', { apiId: api?.id ?? '' })).find(
    (w) => w.url === url,
  );
  if (!webhook) throw new Error(`no webhook for ${url}`);
  expect(webhook.scheme).toBe(scheme);
  const { secret } = await app.harness.ok('secrets.reveal', { id: webhook.id });
  endpoints.set(new URL(url).pathname, { scheme, secret });
  return webhook;
}

/** A verifying receiver, the app, and an API "Invoices" added from the UI; collects CSP violations. */
async function openAppWithApi() {
  const started = closeAfterEach(await verifyingReceiver());
  const bridged = closeAfterEach(await startBridgedApp());
  const { page } = bridged;
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await addApi(page);
  return { page, cspViolations, receiver: started, bridged };
}

/** The status chip of the n-th record (newest first). */
const chip = (page: Page, index: number) => records(page).nth(index).locator('[data-outcome]');

describe('signed test deliveries, end to end', () => {
  it('send from the UI → 200 → redeliver → copy as curl, run by the real curl, verifies', async () => {
    const { page, cspViolations, receiver, bridged } = await openAppWithApi();
    const url = `${receiver.url}/mindee`;
    const webhook = await createWebhook(bridged, url, 'mindee', 'Mindee');

    // "Send test delivery" from the row menu sends and opens the Deliveries region.
    await button(row(page, url), 'More actions').click();
    await page.getByRole('menuitem', { name: 'Send test delivery', exact: true }).click();
    await deliveries(page).waitFor();
    await expect.poll(() => records(page).count()).toBe(1);
    expect(await chip(page, 0).textContent()).toBe('200');
    expect(await chip(page, 0).getAttribute('data-outcome')).toBe('success');
    expect(verdicts).toEqual([true]);

    // The record's Request and Response tabs.
    await deliveries(page).getByRole('tab', { name: 'Request', exact: true }).waitFor();
    expect(await deliveries(page).getByRole('tabpanel').textContent()).toContain('X-Mindee-Hmac-Signature');
    await deliveries(page).getByRole('tab', { name: 'Response', exact: true }).click();
    expect(await deliveries(page).getByRole('tabpanel').textContent()).toContain('"verified": true');

    // Redeliver: a second record, same body, verified again.
    await button(deliveries(page), 'Redeliver').click();
    await expect.poll(() => records(page).count()).toBe(2);
    expect(await chip(page, 0).textContent()).toBe('200');
    expect(await records(page).nth(0).textContent()).toContain('redelivery');
    expect(verdicts).toEqual([true, true]);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    const log = await bridged.harness.ok('deliveries.list', { webhookId: webhook.id });
    expect(log.map((record) => record.response?.status)).toEqual([200, 200]);

    // Copy as curl: main puts the command on the clipboard; the real curl sends it and the receiver verifies it.
    await button(deliveries(page), 'Copy as curl').click();
    await page
      .getByRole('region', { name: /^Notifications/ })
      .getByText(/^Copied/)
      .waitFor();
    const command = await bridged.clipboardText();
    expect(command).toMatch(/^curl /);
    const { stdout } = await run('sh', ['-c', command], { timeout: 15_000 });
    expect(JSON.parse(stdout)).toEqual({ verified: true });
    expect(verdicts).toEqual([true, true, true]);
    expect(receiver.received[2]?.body).toBe(receiver.received[1]?.body);
    expect(cspViolations).toEqual([]);
  });

  it('Stripe chosen under "Advanced", a payload from the editor, then GitHub and Standard Webhooks: each verifies with its library', async () => {
    const { page, cspViolations, receiver, bridged } = await openAppWithApi();
    const url = `${receiver.url}/stripe`;
    await createWebhook(bridged, url, 'stripe', 'Stripe');

    // Select the row (click) to open its Deliveries region; edit the payload in the JSON editor.
    await row(page, url).locator('[data-url-text]').click(); // the URL as shown
    await deliveries(page).waitFor();
    await button(deliveries(page), 'Edit test payload').click();
    const dialog = page.getByRole('dialog', { name: 'Edit test payload' });
    const editor = dialog.getByRole('textbox', { name: 'Test payload JSON' });
    await editor.waitFor();
    expect(await editor.textContent()).toContain('"name": "Invoices"');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('{"hello": "world"');
    expect(await button(dialog, 'Save').isDisabled()).toBe(true);
    await dialog.locator('.cm-lint-marker-error, .cm-lintRange-error').first().waitFor();
    await page.keyboard.insertText('}');
    await expect.poll(() => button(dialog, 'Save').isDisabled()).toBe(false);
    await button(dialog, 'Save').click();
    await dialog.waitFor({ state: 'detached' });

    await button(deliveries(page), 'Send test delivery').click();
    await expect.poll(() => records(page).count()).toBe(1);
    expect(await chip(page, 0).textContent()).toBe('200');
    expect(verdicts).toEqual([true]);
    expect(receiver.received[0]?.body).toBe('{"hello": "world"}');
    expect(receiver.received[0]?.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // "Change signature scheme" to GitHub, then Standard Webhooks: each verifies with its own library.
    const path = new URL(url).pathname;
    for (const [scheme, label] of [
      ['github', 'GitHub'],
      ['standard-webhooks', 'Standard Webhooks'],
    ] as const) {
      await button(row(page, url), 'More actions').click();
      await page.getByRole('menuitem', { name: 'Change signature scheme', exact: true }).click();
      const change = page.getByRole('dialog', { name: 'Change signature scheme' });
      await change.getByRole('combobox', { name: 'Signature scheme' }).selectOption({ label });
      await button(change, 'Save').click();
      await change.waitFor({ state: 'detached' });
      await row(page, url).getByText(label, { exact: true }).waitFor();
      const known = endpoints.get(path);
      if (known) endpoints.set(path, { ...known, scheme });
      const before = await records(page).count();
      await button(deliveries(page), 'Send test delivery').click();
      await expect.poll(() => records(page).count()).toBe(before + 1);
      expect(await chip(page, 0).textContent()).toBe('200');
    }
    expect(verdicts).toEqual([true, true, true]);
    expect(receiver.received[1]?.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(receiver.received[2]?.headers['webhook-signature']).toMatch(/^v1,/);
    expect(cspViolations).toEqual([]);
  });
});

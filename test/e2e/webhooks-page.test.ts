/// <reference lib="dom" />
/**
 * The end-to-end scenario on the BUILT renderer and preload in Chromium, bridged to the real main
 * handlers: real keychain, real config files, and a restart of main over the same data dir.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { profileItems } from '../support/keyring';
import { startBridgedApp } from '../support/bridge';
import { manualSchedule } from '../support/clock';
import { closeAfterEach } from '../support/close-after-each';

const HTTPS = 'https://api.example.com/hooks';
const HTTP = 'http://localhost:8080/hooks';
const EDITED = 'https://hooks.example.org/invoices';
const SECRET = /whsec_[A-Za-z0-9+/]{43}=/;

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const table = (page: Page) => page.getByRole('grid', { name: 'Webhooks' });
const row = (page: Page, url: string) => table(page).getByRole('row').filter({ hasText: url });
const bodyRows = (page: Page) =>
  table(page)
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });

async function createWebhook(page: Page, version: string, url: string): Promise<void> {
  await button(page, 'Create a new webhook').click();
  const dialog = page.getByRole('dialog', { name: 'Create a new webhook' });
  await dialog.getByRole('combobox', { name: 'Product version' }).selectOption(version);
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(url);
  await button(dialog, 'Create new webhook').click();
  await dialog.waitFor({ state: 'detached' });
  await row(page, url).waitFor();
}

async function chooseFromMenu(page: Page, url: string, item: string): Promise<void> {
  await button(row(page, url), 'More actions').click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function revealedSecret(page: Page, url: string): Promise<string> {
  const text = await row(page, url).locator('[data-revealed]').textContent();
  return text ?? '';
}

describe('the Webhooks page, end to end', () => {
  it('add API → two webhooks → reveal/hide → copy → edit → regenerate → delete → restart', async () => {
    // The clipboard's clear runs when the test moves time on, not after a real wait.
    const timers = manualSchedule();
    const app = closeAfterEach(await startBridgedApp({ clipboardClearMs: 1500, schedule: timers.schedule }));
    const { page } = app;
    const items = () => profileItems(app.harness);
    const secretOf = async (id: string) => (await items()).get(id);

    // Empty app: the first-run state points at "Add API".
    await page.getByRole('heading', { name: 'Start by adding an API' }).waitFor();

    // Add an API.
    await button(page, 'Add API').click();
    const addApi = page.getByRole('dialog', { name: 'Add API' });
    await addApi.getByRole('textbox', { name: 'API name' }).fill('Invoices');
    await addApi.getByRole('textbox', { name: 'Product versions' }).fill('v4, v3');
    await button(addApi, 'Save').click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    const [api] = await app.harness.ok('apis.list');
    expect(api).toMatchObject({ name: 'Invoices', versions: ['v4', 'v3'] });
    if (!api) throw new Error('no API');

    // Two webhooks, one https and one http.
    await createWebhook(page, 'v4', HTTPS);
    await createWebhook(page, 'v3', HTTP);
    expect(await bodyRows(page).count()).toBe(2);
    expect(await row(page, HTTP).getByText('Insecure (HTTP)').count()).toBe(1);
    expect(await row(page, HTTPS).getByText('Insecure (HTTP)').count()).toBe(0);
    const listed = await app.harness.ok('webhooks.list', { apiId: api.id });
    const httpsId = listed.find((w) => w.url === HTTPS)?.id ?? '';
    const httpId = listed.find((w) => w.url === HTTP)?.id ?? '';
    const firstSecret = await secretOf(httpsId);
    expect(firstSecret).toMatch(SECRET);
    expect(await page.content()).not.toContain(firstSecret);

    // Reveal, then hide.
    await button(row(page, HTTPS), 'Reveal signing secret').click();
    await button(row(page, HTTPS), 'Hide signing secret').waitFor();
    expect(await revealedSecret(page, HTTPS)).toBe(firstSecret);
    await button(row(page, HTTPS), 'Hide signing secret').click();
    await button(row(page, HTTPS), 'Reveal signing secret').waitFor();
    expect(await page.content()).not.toContain(firstSecret);

    // Copy: main puts the secret on the clipboard and clears it after the (short) timeout.
    await button(row(page, HTTPS), 'Copy signing secret').click();
    await page.getByText('Copied — the clipboard clears in 1.5 s', { exact: true }).waitFor();
    expect(await app.clipboardText()).toBe(firstSecret);
    expect(timers.pending()).toEqual([1500]);
    await timers.advance(1499);
    expect(await app.clipboardText()).toBe(firstSecret);
    await timers.advance(1);
    expect(await app.clipboardText()).toBe('');

    // Edit the URL.
    await chooseFromMenu(page, HTTPS, 'Edit URL');
    const edit = page.getByRole('dialog', { name: 'Edit endpoint URL' });
    const urlField = edit.getByRole('textbox', { name: 'Endpoint URL' });
    expect(await urlField.inputValue()).toBe(HTTPS);
    await urlField.fill(EDITED);
    await button(edit, 'Save').click();
    await edit.waitFor({ state: 'detached' });
    await row(page, EDITED).waitFor();
    expect(await row(page, HTTPS).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'More actions',
    );

    // Regenerate while revealed: the shown value changes, the old secret is gone from the keychain.
    await button(row(page, EDITED), 'Reveal signing secret').click();
    await button(row(page, EDITED), 'Hide signing secret').waitFor();
    expect(await revealedSecret(page, EDITED)).toBe(firstSecret);
    await chooseFromMenu(page, EDITED, 'Regenerate signing secret');
    const confirm = page.getByRole('alertdialog', { name: 'Regenerate signing secret?' });
    await button(confirm, 'Regenerate secret').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => revealedSecret(page, EDITED)).not.toBe(firstSecret);
    const secondSecret = await secretOf(httpsId);
    expect(secondSecret).toMatch(SECRET);
    expect(await revealedSecret(page, EDITED)).toBe(secondSecret);
    expect([...(await items()).values()]).not.toContain(firstSecret);

    // Delete the http webhook: row and keychain item gone.
    await chooseFromMenu(page, HTTP, 'Delete');
    const del = page.getByRole('alertdialog', { name: 'Delete webhook?' });
    expect(await del.textContent()).toContain(HTTP);
    await button(del, 'Delete webhook').click();
    await del.waitFor({ state: 'detached' });
    await expect.poll(() => row(page, HTTP).count()).toBe(0);
    expect(await bodyRows(page).count()).toBe(1);
    expect((await items()).has(httpId)).toBe(false);

    // Restart main over the same data dir: everything is as the user left it.
    await app.restart();
    await row(page, EDITED).waitFor();
    expect(await bodyRows(page).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Invoices/ }).getAttribute('aria-current')).toBe('page');
    expect(await row(page, EDITED).getByText('v4').count()).toBe(1);
    const after = await app.harness.ok('webhooks.list', { apiId: api.id });
    expect(after).toEqual([expect.objectContaining({ id: httpsId, url: EDITED, secretMissing: false })]);
    expect([...(await items()).keys()]).toEqual([httpsId]);
    await button(row(page, EDITED), 'Reveal signing secret').click();
    await button(row(page, EDITED), 'Hide signing secret').waitFor();
    expect(await revealedSecret(page, EDITED)).toBe(secondSecret);
  });
});

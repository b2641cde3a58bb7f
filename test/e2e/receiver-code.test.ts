/// <reference lib="dom" />
/**
 * "Receiver code" end to end (issue 12, section 3) on the BUILT renderer and preload in Chromium, bridged to the
 * real main handlers and keychain: the row menu's item, the dialog's language choice, "Copy code" and "Copy .env
 * line" (what main put on the clipboard), the keyboard, and axe at 800×600 in light and dark.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp, type BridgedAppOptions } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';

const URL = 'https://api.example.com/webhooks/stripe';

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const row = (page: Page) =>
  page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: URL });

async function appWithWebhook(
  scheme: SignatureScheme,
  options: BridgedAppOptions & { rolled?: boolean } = {},
) {
  const app = closeAfterEach(await startBridgedApp(options));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const webhook = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url: URL, scheme });
  if (options.rolled) await app.harness.ok('rotation.roll', { id: webhook.id, keepOldFor: '1h' });
  await app.page.reload();
  await row(app.page).waitFor();
  const secret = async (role: 'current' | 'previous' = 'current') =>
    (await app.harness.ok('secrets.reveal', { id: webhook.id, role })).secret;
  return { app, page: app.page, webhook, secret };
}

async function openReceiverCode(page: Page): Promise<Locator> {
  await button(row(page), 'More actions').click();
  await page.getByRole('menuitem', { name: 'Receiver code', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Receiver code', exact: true });
  await dialog.locator('[data-receiver-code]').waitFor();
  return dialog;
}

const codeText = async (dialog: Locator) =>
  (await dialog.locator('[data-receiver-code]').textContent()) ?? '';

describe('Receiver code, end to end', () => {
  it('Stripe: the Express code, another language, "Copy code" and "Copy .env line" with the real secret', async () => {
    const { app, page, webhook, secret } = await appWithWebhook('stripe');
    const dialog = await openReceiverCode(page);
    const language = dialog.getByRole('combobox', { name: 'Language', exact: true });
    expect(await language.inputValue()).toBe('node-express');
    const express = await app.harness.ok('receiverCode.get', { id: webhook.id, language: 'node-express' });
    expect(await codeText(dialog)).toBe(express.code);
    expect(express.code).toContain('constructEvent');
    expect(await dialog.locator('[data-receiver-filename]').textContent()).toBe(express.filename);
    expect(await dialog.locator('[data-receiver-run]').textContent()).toBe(express.run);
    expect(await dialog.textContent()).toContain('reads the signing secret from HOOKWARDEN_SECRET');

    await language.selectOption({ label: 'Python (FastAPI)' });
    const fastapi = await app.harness.ok('receiverCode.get', { id: webhook.id, language: 'python-fastapi' });
    await expect.poll(() => codeText(dialog)).toBe(fastapi.code);
    expect(fastapi.code).toContain('await request.body()');

    await button(dialog, 'Copy code').click();
    await page.getByText(`Copied the code of ${fastapi.filename}`, { exact: true }).waitFor();
    expect(await app.clipboardText()).toBe(fastapi.code);

    await button(dialog, 'Copy .env line').click();
    await page.getByText('Copied — the clipboard clears in 30 s', { exact: true }).waitFor();
    const current = await secret();
    expect(await app.clipboardText()).toBe(`HOOKWARDEN_SECRET=${current}\n`);
    expect(await page.content()).not.toContain(current);
  });

  it('during an overlap: the code reads both variables and "Copy .env line" copies both secrets', async () => {
    const { app, page, secret } = await appWithWebhook('stripe', { rolled: true });
    const dialog = await openReceiverCode(page);
    expect(await codeText(dialog)).toContain('HOOKWARDEN_PREVIOUS_SECRET');
    expect(await dialog.textContent()).toContain('the code accepts both secrets until the overlap ends');
    await button(dialog, 'Copy .env line').click();
    await page.getByText('Copied — the clipboard clears in 30 s', { exact: true }).waitFor();
    expect(await app.clipboardText()).toBe(
      `HOOKWARDEN_SECRET=${await secret()}\nHOOKWARDEN_PREVIOUS_SECRET=${await secret('previous')}\n`,
    );
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`fits 800×600 in the ${colorScheme} theme: no axe violations, the code scrolls by keyboard, focus returns`, async () => {
      const { page } = await appWithWebhook('standard-webhooks', {
        colorScheme,
        viewport: { width: 800, height: 600 },
        rolled: true,
      });
      const dialog = await openReceiverCode(page);
      expect(await axeViolations(page)).toEqual([]);

      // The whole dialog is on screen, its buttons too; the code, taller than its block, scrolls.
      const box = await dialog.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 600 && box.x >= 0 && box.x + box.width <= 800).toBe(
        true,
      );
      for (const name of ['Copy code', 'Copy .env line', 'Done']) {
        const at = await button(dialog, name).boundingBox();
        expect(at && at.y + at.height <= 600, name).toBe(true);
      }
      const code = dialog.locator('[data-receiver-code]');
      const sizes = await code.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      expect(sizes.client).toBeGreaterThanOrEqual(90);

      // Keyboard: the language has the focus; Tab reaches the code, whose text scrolls with the arrow keys.
      await expect
        .poll(() =>
          page.evaluate(
            () => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName,
          ),
        )
        .toBe('SELECT');
      await page.keyboard.press('Tab');
      expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('PageDown');
      await expect.poll(() => code.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      // The text can be selected (to copy a part of it by hand).
      const selected = await code.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return selection?.toString() ?? '';
      });
      expect(selected).toContain('standardwebhooks');

      // Another language keeps the layout; axe again; Escape closes and the row's menu button has the focus.
      await dialog
        .getByRole('combobox', { name: 'Language', exact: true })
        .selectOption({ label: 'Ruby (Sinatra)' });
      await expect.poll(() => codeText(dialog)).toContain('sinatra');
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('More actions');
    });
  }
});

/// <reference lib="dom" />
/**
 * In real Chromium (real layout, so colour contrast counts): axe on the main states in light and dark,
 * and the keyboard path through the row menu and a dialog.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { arrowDownTo, focusedName } from '../support/menu-keys';

async function seeded(colorScheme: 'light' | 'dark'): Promise<Page> {
  const app = closeAfterEach(await startBridgedApp({ colorScheme }));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  await app.harness.ok('webhooks.create', {
    apiId: api.id,
    version: 'v4',
    url: 'https://api.example.com/hooks',
  });
  await app.harness.ok('webhooks.create', {
    apiId: api.id,
    version: 'v3',
    url: 'http://localhost:8080/hooks',
  });
  await app.page.reload();
  await app.page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').nth(2).waitFor();
  return app.page;
}

describe('accessibility in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations (contrast included) in the ${scheme} theme: list, revealed secret, menu, form error`, async () => {
      const page = await seeded(scheme);
      expect(await axeViolations(page)).toEqual([]);

      const row = page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').nth(1);
      await row.getByRole('button', { name: 'Reveal signing secret', exact: true }).click();
      await row.getByRole('button', { name: 'Hide signing secret', exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await row.getByRole('button', { name: 'More actions', exact: true }).click();
      await page.getByRole('menu').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Create a new webhook', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Create a new webhook' });
      await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill('http://localhost:9000/x');
      await dialog.getByText(/Use HTTPS for anything but local testing/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill('api.example.com/hooks');
      await dialog.getByRole('button', { name: 'Create new webhook', exact: true }).click();
      await dialog.getByText(/This is not an absolute URL/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('works by keyboard: menu arrows, Escape returns focus, a dialog from the menu gives focus back to "More actions"', async () => {
    const page = await seeded('light');
    const row = page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').nth(1);
    await row.getByRole('button', { name: 'More actions', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Send test delivery');
    for (const next of [
      'Check endpoint',
      'Check receiver security',
      'Receiver code',
      'Edit URL',
      'Edit details',
      'Change product version',
      'Change signature scheme',
      'Pause webhook',
      'Regenerate signing secret',
      'Roll signing secret',
      'Delete',
    ]) {
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => focusedName(page)).toBe(next);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toBe('More actions');

    // Open Edit URL from the menu by keyboard, cancel with Escape: focus is back on the row's menu button.
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Send test delivery');
    await arrowDownTo(page, 'Edit URL');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit endpoint URL' });
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null))
      .toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toBe('More actions');
    // Pointer events work again after menu + dialog (no leftover body lock).
    await row.getByRole('button', { name: 'Reveal signing secret', exact: true }).click({ timeout: 3000 });
    await row.getByRole('button', { name: 'Hide signing secret', exact: true }).waitFor();
  });
});

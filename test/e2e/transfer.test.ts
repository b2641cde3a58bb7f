/// <reference lib="dom" />
/**
 * Export with secrets, then import (issue 14, section 2), on the BUILT renderer and preload in Chromium, bridged
 * to the real main handlers (real files, the real keychain): opened by the application menu's event, done by
 * keyboard alone, at 800×600 in light and dark, axe on every step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { dialogAnswers } from '../support/electron-double';
import { focusedName } from '../support/menu-keys';
import { tempDir } from '../support/temp';

const PASSPHRASE = 'correct horse battery staple';
const URL_A = 'https://a.example.com/hooks';
const URL_B = 'https://b.example.com/hooks';
const VIEWPORT = { width: 800, height: 600 };

const row = (page: Page, url: string) =>
  page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: url });

const hasFocus = (element: Locator) => element.evaluate((node) => node === document.activeElement);

/** The dialog lies inside the window, its buttons too. */
async function expectInView(page: Page, dialog: Locator): Promise<void> {
  const box = await dialog.boundingBox();
  if (!box) throw new Error('the dialog is not shown');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
  expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
  expect(await axeViolations(page)).toEqual([]);
}

describe('export with secrets, then import', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`by keyboard at 800×600 (${colorScheme}): the same secret comes back, no passphrase left in the page`, async () => {
      const app = closeAfterEach(await startBridgedApp({ viewport: VIEWPORT, colorScheme }));
      const { page } = app;
      const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
      const a = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url: URL_A });
      await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url: URL_B });
      const secret = (await app.harness.ok('secrets.reveal', { id: a.id })).secret;
      await page.reload();
      await row(page, URL_A).waitFor();

      // File → "Export with secrets…": the passphrase twice, Enter.
      const path = join(tempDir(), 'hookwarden.json.age');
      dialogAnswers.save = path;
      await app.menuCommand('exportWithSecrets');
      const exportDialog = page.getByRole('dialog', { name: 'Export with secrets' });
      await exportDialog.waitFor();
      expect(await exportDialog.textContent()).toContain('every signing secret');
      await expectInView(page, exportDialog);
      expect(await hasFocus(exportDialog.getByLabel('Passphrase', { exact: true }))).toBe(true);
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Tab');
      expect(await hasFocus(exportDialog.getByLabel('Repeat passphrase'))).toBe(true);
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
      await exportDialog.waitFor({ state: 'detached' });
      await page.getByText(`Configuration exported to ${path}`, { exact: true }).waitFor();
      expect(readFileSync(path).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

      // A is deleted here; File → "Import configuration…" brings it back with its secret.
      await app.harness.ok('webhooks.delete', { id: a.id });
      await page.reload();
      await row(page, URL_B).waitFor();
      expect(await row(page, URL_A).count()).toBe(0);
      dialogAnswers.open = path;
      await app.menuCommand('import');
      const importDialog = page.getByRole('dialog', { name: 'Import configuration' });
      await importDialog.getByLabel('Passphrase').waitFor();
      await expectInView(page, importDialog);
      expect(await hasFocus(importDialog.getByLabel('Passphrase'))).toBe(true);
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
      const added = importDialog.getByRole('region', { name: 'Webhooks to add (1)' });
      await added.waitFor();
      expect(await added.textContent()).toContain(`Invoices v4 (${URL_A})`);
      expect(await focusedName(page)).toBe('Import');
      await expectInView(page, importDialog);
      // B is here already: "Skip" it, by the arrow keys in its radio group (before Cancel).
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await hasFocus(importDialog.getByRole('radio', { name: 'Replace' }))).toBe(true);
      await page.keyboard.press('ArrowRight');
      expect(await importDialog.getByRole('radio', { name: 'Skip' }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focusedName(page)).toBe('Import');
      await page.keyboard.press('Enter');

      const done = importDialog.getByRole('status');
      await done.filter({ hasText: 'Imported: 1 added, 0 replaced, 1 skipped.' }).waitFor();
      expect(await importDialog.getByText(/new signing secrets/).count()).toBe(0);
      expect(await focusedName(page)).toBe('Done');
      await expectInView(page, importDialog);
      await page.keyboard.press('Enter');
      await importDialog.waitFor({ state: 'detached' });
      await row(page, URL_A).waitFor();
      expect((await app.harness.ok('secrets.reveal', { id: a.id })).secret).toBe(secret);
      const html = await page.content();
      expect(html).not.toContain(PASSPHRASE);
      expect(html).not.toContain(secret);
    });
  }
});

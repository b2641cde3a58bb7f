/// <reference lib="dom" />
/**
 * The keychain check's notice about this profile's leftover secrets, on the BUILT renderer in Chromium at
 * 800×600: the check runs after the first screen (as the app runs it after its window is up), its notice
 * arrives through the app.noticesChanged event, and "Keep" / "Remove them" act on the real keychain.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBridgedApp, type BridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { keychainItems } from '../support/keyring';

const VIEWPORT = { width: 800, height: 600 };
const NOTICE = '1 signing secret in the keychain belongs to no webhook of this profile.';

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const notice = (page: Page) => page.getByRole('status').filter({ hasText: NOTICE });
const bodyRows = (page: Page) =>
  page
    .getByRole('grid', { name: 'Webhooks' })
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
const focusedName = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
  );
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Main starts (without the check), the page loads and shows its first screen, then the check runs. */
async function startThenCheck(app: BridgedApp): Promise<void> {
  await app.restart();
  await expect.poll(() => bodyRows(app.page).count()).toBe(2);
  // Before the check, nothing is known about the keychain's leftovers.
  expect(await app.page.getByText(NOTICE).count()).toBe(0);
  await app.harness.services.keychain.startupCheck();
  await notice(app.page).waitFor();
}

describe('leftover signing secrets, end to end', () => {
  it('reports only this profile’s leftover; Keep removes nothing; Remove them removes exactly it', async () => {
    const app = closeAfterEach(await startBridgedApp({ viewport: VIEWPORT, keychainCheck: false }));
    const { page } = app;
    const service = (app.harness.vault as unknown as { service: string }).service;
    const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const hooks = [
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://a.example.com/h',
      }),
      await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://b.example.com/h',
      }),
    ];
    // A delete that crashed between its config write and its keychain removal leaves this profile's item;
    // another profile's item and an older version's unprefixed item share the keychain service.
    const leftover = app.harness.account(randomUUID());
    const otherProfiles = `${randomUUID()}/${randomUUID()}`;
    const unprefixed = randomUUID();
    for (const account of [leftover, otherProfiles, unprefixed])
      await app.harness.vault.set(account, newSecret());
    const before = await keychainItems(service);
    expect([...before.keys()].sort()).toEqual(
      [...hooks.map((hook) => app.harness.account(hook.id)), leftover, otherProfiles, unprefixed].sort(),
    );

    // First start: the notice, its buttons on screen at 800×600 and reachable with Tab.
    await startThenCheck(app);
    expect(await notice(page).textContent()).toContain('Signing secrets of no webhook');
    for (const name of ['Remove them', 'Keep']) {
      const box = await button(notice(page), name).boundingBox();
      expect(box, name).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= VIEWPORT.width, name).toBe(true);
      expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= VIEWPORT.height, name).toBe(true);
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: string[] = [];
    for (let i = 0; i < 10 && !reached.includes('Remove them'); i++) {
      await page.keyboard.press('Tab');
      reached.push(String(await focusedName(page)));
    }
    expect(reached).toContain('Remove them');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Keep');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Dismiss notice');

    // "Keep" (by keyboard): the notice goes, the keychain keeps every item.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Keep');
    await page.keyboard.press('Enter');
    await notice(page).waitFor({ state: 'detached' });
    expect(await keychainItems(service)).toEqual(before);

    // Second start: the notice again; "Remove them" asks first, then removes the leftover alone.
    await startThenCheck(app);
    await button(notice(page), 'Remove them').click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove signing secrets of no webhook?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(NOTICE);
    expect(await keychainItems(service)).toEqual(before);
    await button(dialog, 'Remove').click();
    await dialog.waitFor({ state: 'detached' });
    await notice(page).waitFor({ state: 'detached' });
    await page.getByText('Removed 1 signing secret from the keychain.', { exact: true }).waitFor();
    const after = await keychainItems(service);
    expect(after.has(leftover)).toBe(false);
    expect(after).toEqual(new Map([...before].filter(([account]) => account !== leftover)));
    expect(await page.getByText(NOTICE).count()).toBe(0);
    expect(await bodyRows(page).count()).toBe(2);
  });
});

/// <reference lib="dom" />
/**
 * Secret rotation end to end (issue 11) on the BUILT renderer and preload in Chromium, bridged to the real main
 * handlers: real keychain, real config files, a restart over the same data dir, and real receivers on
 * 127.0.0.1 that verify signatures with the secrets they have been given (the official libraries; Mindee's
 * documented HMAC).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp, type BridgedApp, type BridgedAppOptions } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { arrowDownTo, focusedName } from '../support/menu-keys';
import { header } from '../support/receiver';
import { startRotatingReceiver } from '../support/rotating-receiver';
import { verifyDelivery } from '../support/verifiers';

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const table = (page: Page) => page.getByRole('grid', { name: 'Webhooks' });
const row = (page: Page, url: string) => table(page).getByRole('row').filter({ hasText: url });

async function chooseFromMenu(page: Page, url: string, item: string): Promise<void> {
  await button(row(page, url), 'More actions').click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function menuItems(page: Page, url: string): Promise<string[]> {
  await button(row(page, url), 'More actions').click();
  const items = await page.getByRole('menu').getByRole('menuitem').allTextContents();
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'detached' });
  return items;
}

/** An app with one API and one webhook of `scheme` at the receiver's /hooks. */
async function appWithWebhook(scheme: SignatureScheme, url: string, options: BridgedAppOptions = {}) {
  const app: BridgedApp = closeAfterEach(await startBridgedApp(options));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const webhook = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url, scheme });
  await app.page.reload();
  await row(app.page, url).waitFor();
  const secret = async (role: 'current' | 'previous' | 'next' = 'current') =>
    (await app.harness.ok('secrets.reveal', { id: webhook.id, role })).secret;
  return { app, page: app.page, api, webhook, secret };
}

describe('secret rotation, end to end', () => {
  it('Standard Webhooks: roll with an overlap, both signatures verify, "End overlap now"', async () => {
    const receiver = await startRotatingReceiver('standard-webhooks');
    const url = `${receiver.url}/hooks`;
    const { app, page, secret } = await appWithWebhook('standard-webhooks', url);
    const oldSecret = await secret();
    receiver.known.add(oldSecret); // the receiver has only the old secret

    await chooseFromMenu(page, url, 'Roll signing secret');
    const dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
    expect(await dialog.textContent()).toContain(url);
    const group = dialog.getByRole('radiogroup', { name: 'Keep the old secret valid for' });
    expect(await group.getByRole('radio').count()).toBe(4);
    for (const label of ['Expire now', '1 hour', '7 days']) {
      expect(await group.getByRole('radio', { name: label, exact: true }).isChecked()).toBe(false);
    }
    expect(await group.getByRole('radio', { name: '24 hours', exact: true }).isChecked()).toBe(true);
    // Keyboard: the chosen radio has the focus; arrows move the choice.
    await page.keyboard.press('ArrowRight');
    expect(await group.getByRole('radio', { name: '7 days', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await button(dialog, 'Roll secret').click();
    await dialog.waitFor({ state: 'detached' });

    // The row: "Rotating", the time left, the exact time on hover.
    const left = row(page, url).getByText(/^old secret expires in (24|23) h$/);
    await left.waitFor();
    expect(await row(page, url).getByText('Rotating', { exact: true }).count()).toBe(1);
    expect(await left.getAttribute('title')).toMatch(/\d{4}/);
    const newSecret = await secret();
    expect(newSecret).not.toBe(oldSecret);
    expect(await secret('previous')).toBe(oldSecret);

    // A test delivery carries both signatures: it verifies with the new secret and, separately, the old one.
    await chooseFromMenu(page, url, 'Send test delivery');
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await region.getByRole('article').getByText('Signed with', { exact: true }).waitFor();
    expect(await region.getByRole('article').getByText('new + previous', { exact: true }).count()).toBe(1);
    const delivered = receiver.received.at(-1);
    if (!delivered) throw new Error('nothing received');
    expect(header(delivered, 'webhook-signature').split(' ')).toHaveLength(2);
    expect(await verifyDelivery('standard-webhooks', newSecret, delivered)).toBe(true);
    expect(await verifyDelivery('standard-webhooks', oldSecret, delivered)).toBe(true);

    // The previous secret: revealed and copied.
    await button(row(page, url), 'Reveal previous signing secret').click();
    await button(row(page, url), 'Hide previous signing secret').waitFor();
    expect(await row(page, url).locator('[data-revealed-previous]').textContent()).toBe(oldSecret);
    await button(row(page, url), 'Hide previous signing secret').click();
    await button(row(page, url), 'Copy previous signing secret').click();
    await page.getByText('Copied — the clipboard clears in 30 s', { exact: true }).first().waitFor();
    expect(await app.clipboardText()).toBe(oldSecret);
    expect(await page.content()).not.toContain(newSecret);

    // "End overlap now", confirmed: the old secret goes; the receiver that only has it now refuses.
    expect(await menuItems(page, url)).toContain('End overlap now');
    await chooseFromMenu(page, url, 'End overlap now');
    const confirm = page.getByRole('alertdialog', { name: 'End overlap now?' });
    await button(confirm, 'End overlap').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => row(page, url).getByText('Rotating', { exact: true }).count()).toBe(0);
    expect(await app.clipboardText()).toBe(''); // it held the old secret
    const count = receiver.received.length;
    await chooseFromMenu(page, url, 'Send test delivery');
    await expect.poll(() => receiver.received.length).toBe(count + 1);
    const record = region.getByRole('article');
    await record.filter({ hasText: '401' }).waitFor();
    expect(await record.getByText('current', { exact: true }).count()).toBe(1);
  });

  it('Mindee: the guided rotation, resumed after a restart, proven by a receiver that learns and forgets', async () => {
    const receiver = await startRotatingReceiver('mindee');
    const url = `${receiver.url}/hooks`;
    const { app, page, secret } = await appWithWebhook('mindee', url);
    const oldSecret = await secret();
    receiver.known.add(oldSecret);

    // Step 1: "Roll secret" creates the new secret; deliveries still sign with the current one.
    await chooseFromMenu(page, url, 'Roll signing secret');
    let dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
    await dialog.getByRole('heading', { name: 'Step 1 of 4: create the new secret' }).waitFor();
    await button(dialog, 'Roll secret').click();
    await dialog.getByRole('heading', { name: 'Step 2 of 4: test both secrets' }).waitFor();
    expect(await dialog.textContent()).toContain(
      'Add this new secret to your receiver next to the current one',
    );
    const newSecret = await secret('next');
    expect(await secret()).toBe(oldSecret);
    await button(dialog, 'Reveal new signing secret').click();
    await button(dialog, 'Hide new signing secret').waitFor();
    expect(await dialog.locator('[data-revealed-next]').textContent()).toBe(newSecret);
    await button(dialog, 'Copy new signing secret').click();
    await expect.poll(() => app.clipboardText()).toBe(newSecret);
    expect(await button(dialog, 'Switch to the new secret').isDisabled()).toBe(true);

    // Leave, and restart the app: the rotation is where it was.
    await button(dialog, 'Continue later').click();
    await dialog.waitFor({ state: 'detached' });
    await app.restart();
    await row(page, url).getByText('step 2 of 4', { exact: true }).waitFor();
    expect(await row(page, url).getByText('Rotating', { exact: true }).count()).toBe(1);
    const items = await menuItems(page, url);
    expect(items).toContain('Continue rotation');
    expect(items).not.toContain('Roll signing secret');

    // Step 2: the receiver learns the new secret next to the current one; both tests pass.
    receiver.known.add(newSecret);
    await chooseFromMenu(page, url, 'Continue rotation');
    dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
    await button(dialog, 'Test the new secret').click();
    await dialog.getByText('Accepted: 200 OK', { exact: true }).waitFor();
    const nextTest = receiver.received.at(-1);
    if (!nextTest) throw new Error('nothing received');
    expect(await verifyDelivery('mindee', newSecret, nextTest)).toBe(true);
    expect(await verifyDelivery('mindee', oldSecret, nextTest)).toBe(false);
    await button(dialog, 'Test the current secret').click();
    await expect.poll(() => dialog.getByText('Accepted: 200 OK', { exact: true }).count()).toBe(2);
    await dialog.getByRole('heading', { name: 'Step 3 of 4: switch to the new secret' }).waitFor();

    // Step 3: switch, keeping the old secret for an hour.
    await dialog
      .getByRole('radiogroup', { name: 'Keep the old secret valid for' })
      .getByRole('radio', { name: '1 hour', exact: true })
      .check();
    await button(dialog, 'Switch to the new secret').click();
    await dialog
      .getByRole('heading', { name: 'Step 4 of 4: check the old secret is refused (optional)' })
      .waitFor();
    expect(await secret()).toBe(newSecret);
    expect(await secret('previous')).toBe(oldSecret);

    // Deliveries now sign with the new secret alone.
    receiver.known.delete(oldSecret); // the user removes the old secret from the receiver
    await button(dialog, 'Check the old secret is refused').click();
    await dialog.getByText('Refused: 401 Unauthorized', { exact: true }).waitFor();
    expect(await dialog.textContent()).toContain('Your receiver refuses the old secret');
    await button(dialog, 'Done').click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, url)
      .getByText(/^old secret expires in (1 h|59 min)$/)
      .waitFor();
    const count = receiver.received.length;
    await chooseFromMenu(page, url, 'Send test delivery');
    await expect.poll(() => receiver.received.length).toBe(count + 1);
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    const record = region.getByRole('article');
    await record.filter({ hasText: '200' }).waitFor();
    expect(await record.getByText('current', { exact: true }).count()).toBe(1); // one signature: the new secret
    const last = receiver.received.at(-1);
    if (!last) throw new Error('nothing received');
    expect(await verifyDelivery('mindee', newSecret, last)).toBe(true);
  });

  it('GitHub: a receiver that still accepts the old secret is said plainly at step 4; "Cancel rotation" discards', async () => {
    const receiver = await startRotatingReceiver('github');
    const url = `${receiver.url}/hooks`;
    const { page, secret } = await appWithWebhook('github', url);
    const oldSecret = await secret();
    receiver.known.add(oldSecret);

    await chooseFromMenu(page, url, 'Roll signing secret');
    const dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
    await button(dialog, 'Roll secret').click();
    await button(dialog, 'Cancel rotation').waitFor();
    await button(dialog, 'Cancel rotation').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row(page, url).getByText('Rotating', { exact: true }).count()).toBe(0);
    expect(await secret()).toBe(oldSecret);

    await chooseFromMenu(page, url, 'Roll signing secret');
    await button(dialog, 'Roll secret').click();
    await dialog.getByRole('heading', { name: 'Step 2 of 4: test both secrets' }).waitFor();
    receiver.known.add(await secret('next'));
    await button(dialog, 'Test the new secret').click();
    await button(dialog, 'Test the current secret').click();
    await button(dialog, 'Switch to the new secret').click();
    await dialog.getByRole('heading', { name: /^Step 4 of 4/ }).waitFor();
    await button(dialog, 'Check the old secret is refused').click();
    await dialog
      .getByRole('alert')
      .getByText('Your receiver still accepts the old secret.', { exact: false })
      .waitFor();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations (contrast included) in the ${colorScheme} theme, at 800×600: roll dialog, rotating rows, each guided step`, async () => {
      const viewport = { width: 800, height: 600 };
      const receiver = await startRotatingReceiver('mindee');
      const url = `${receiver.url}/hooks`;
      const { app, page, api, secret } = await appWithWebhook('mindee', url, { colorScheme, viewport });
      receiver.known.add(await secret());
      const other = await app.harness.ok('webhooks.create', {
        apiId: api.id,
        version: 'v4',
        url: 'https://api.example.com/hooks',
        scheme: 'stripe',
      });
      await app.harness.ok('rotation.roll', { id: other.id, keepOldFor: '1h' });
      await page.reload();
      const stripeRow = row(page, 'https://api.example.com/hooks');
      await stripeRow.getByText(/^old secret expires in (1 h|59 min)$/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await button(stripeRow, 'Reveal previous signing secret').click();
      await stripeRow.locator('[data-revealed-previous]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await button(stripeRow, 'Hide previous signing secret').click();

      await chooseFromMenu(page, 'https://api.example.com/hooks', 'Roll signing secret');
      const roll = page.getByRole('dialog', { name: 'Roll signing secret' });
      await roll.locator('[data-overlap-warning]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await button(roll, 'Cancel').click();
      await roll.waitFor({ state: 'detached' });

      await chooseFromMenu(page, url, 'Roll signing secret');
      const dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
      await dialog.getByRole('heading', { name: 'Step 1 of 4: create the new secret' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await button(dialog, 'Roll secret').click();
      await button(dialog, 'Test the new secret').click();
      await dialog.getByText('Refused: 401 Unauthorized', { exact: true }).waitFor();
      await dialog.getByRole('checkbox', { name: 'Switch anyway' }).check();
      expect(await axeViolations(page)).toEqual([]);
      receiver.known.add(await secret('next'));
      await button(dialog, 'Test the new secret').click();
      await button(dialog, 'Test the current secret').click();
      await dialog.getByRole('heading', { name: 'Step 3 of 4: switch to the new secret' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await button(dialog, 'Switch to the new secret').click();
      await button(dialog, 'Check the old secret is refused').click();
      await dialog.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('works by keyboard: the roll dialog and the guided rotation, focus back on "More actions"', async () => {
    const receiver = await startRotatingReceiver('mindee');
    const url = `${receiver.url}/hooks`;
    const { page, secret } = await appWithWebhook('mindee', url);
    receiver.known.add(await secret());
    const focused = () => focusedName(page);

    await button(row(page, url), 'More actions').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await arrowDownTo(page, 'Roll signing secret');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Roll signing secret' });
    await dialog.waitFor();
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Roll secret');
    await page.keyboard.press('Enter');
    // The new step's heading has the focus; Tab reaches the new secret's buttons and the tests.
    await expect.poll(focused).toBe('Step 2 of 4: test both secrets');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Reveal new signing secret');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Test the new secret');
    await page.keyboard.press('Enter');
    await dialog.getByText('Refused: 401 Unauthorized', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('More actions');
  });
});

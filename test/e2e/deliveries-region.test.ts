/// <reference lib="dom" />
/**
 * The Deliveries region in Chromium at 800×600 (built renderer, real layout): nothing in it scrolls sideways,
 * its title, Close and "Copy as curl" are in view and "Timeout (s)" no longer overlaps the title; the splitter
 * above it moves by keyboard and its size survives a reload; a paused webhook's test delivery asks first.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';

const VIEWPORT = { width: 800, height: 600 };

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const row = (page: Page, url: string) =>
  page.getByRole('grid', { name: 'Webhooks' }).getByRole('row').filter({ hasText: url });
const region = (page: Page) => page.getByRole('region', { name: 'Deliveries', exact: true });

async function chooseFromMenu(page: Page, url: string, item: string): Promise<void> {
  await button(row(page, url), 'More actions').click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** One webhook (to a loopback receiver), the page at 800×600 showing it. */
async function started() {
  const receiver = closeAfterEach(await startReceiver());
  const url = `${receiver.url}/hooks`;
  const app = closeAfterEach(await startBridgedApp({ viewport: VIEWPORT }));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  const webhook = await app.harness.ok('webhooks.create', {
    apiId: api.id,
    version: 'v4',
    url,
    scheme: 'standard-webhooks',
  });
  await app.page.reload();
  await row(app.page, url).waitFor();
  return { app, page: app.page, url, receiver, webhook };
}

/** Elements inside `scope` wider than their box (scrolling sideways), as "tag.class scrollWidth>clientWidth". */
function overflowing(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [root, ...Array.from(root.querySelectorAll('*'))]
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      // Scrollable sideways; a one-line text cut with an ellipsis (its whole text in a tooltip) is meant.
      .filter(
        (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) || element === root,
      )
      .map(
        (element) => `${element.tagName}.${element.className} ${element.scrollWidth}>${element.clientWidth}`,
      ),
  );
}

const inViewport = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) return false;
  return (
    box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height
  );
};

describe('the Deliveries region at 800×600', () => {
  it('has no sideways scrolling; title, Close and Copy as curl in view; Timeout clear of the title', async () => {
    const { page, url } = await started();
    await chooseFromMenu(page, url, 'Send test delivery');
    await button(region(page), 'Copy as curl').waitFor();

    expect(await overflowing(region(page))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const title = region(page).getByRole('heading', { name: 'Deliveries' });
    expect(await inViewport(title)).toBe(true);
    expect(await inViewport(button(region(page), 'Close deliveries'))).toBe(true);
    expect(await inViewport(button(region(page), 'Copy as curl'))).toBe(true);

    const timeout = region(page).getByText('Timeout (s)');
    const [a, b] = [await title.boundingBox(), await timeout.boundingBox()];
    if (!a || !b) throw new Error('no layout');
    const overlap =
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap).toBe(false);

    // The Response tab too.
    await region(page).getByRole('tab', { name: 'Response', exact: true }).click();
    expect(await overflowing(region(page))).toEqual([]);
  });

  it('the splitter moves by keyboard and its size survives a reload', async () => {
    const { page, url } = await started();
    await chooseFromMenu(page, url, 'Send test delivery');
    const splitter = region(page).getByRole('separator', { name: 'Resize deliveries' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    const height = async () => (await region(page).boundingBox())?.height ?? 0;
    const shownBefore = await height();

    await splitter.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const after = Number(await splitter.getAttribute('aria-valuenow'));
    expect(after).toBe(Math.max(160, before - 32));
    expect(Math.abs((await height()) - after)).toBeLessThanOrEqual(2);
    expect(await height()).toBeLessThan(shownBefore);
    await page.keyboard.press('ArrowUp');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(after + 16);

    // A mouse drags it too: 40 px up, then back down.
    const grip = await splitter.boundingBox();
    if (!grip) throw new Error('no splitter');
    const [x, y] = [grip.x + grip.width / 2, grip.y + grip.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 40, { steps: 4 });
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(after + 56);
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.up();
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(after + 16);

    await page.reload();
    await button(row(page, url), 'More actions').waitFor();
    await row(page, url).getByText(url).first().click();
    await region(page).waitFor();
    expect(Number(await region(page).getByRole('separator').getAttribute('aria-valuenow'))).toBe(after + 16);
  });

  it("toasts (at most 3) cover neither the open delivery nor a dialog's buttons", async () => {
    const { page, url } = await started();
    await chooseFromMenu(page, url, 'Send test delivery');
    const copy = button(region(page), 'Copy as curl');
    await copy.waitFor();
    for (let i = 0; i < 4; i++) await copy.click();
    const toasts = page.getByRole('region', { name: /^Notifications/ }).getByRole('listitem');
    await expect.poll(() => toasts.count()).toBe(3);

    const boxes = async (locator: Locator) => {
      const found = [];
      for (let i = 0; i < (await locator.count()); i++) {
        const box = await locator.nth(i).boundingBox();
        if (box) found.push(box);
      }
      return found;
    };
    type Box = { x: number; y: number; width: number; height: number };
    const meet = (a: Box, b: Box) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const shown = await boxes(toasts);
    const delivery = await region(page).getByRole('article').boundingBox();
    if (!delivery) throw new Error('no open delivery');
    expect(shown.filter((box) => meet(box, delivery))).toEqual([]);

    await chooseFromMenu(page, url, 'Edit details');
    const dialog = page.getByRole('dialog', { name: 'Edit details' });
    await dialog.waitFor();
    const buttons = await boxes(dialog.getByRole('button'));
    expect(buttons.length).toBeGreaterThan(0);
    for (const toast of await boxes(toasts)) expect(buttons.filter((box) => meet(box, toast))).toEqual([]);
  });

  it('a test delivery to a paused webhook asks first', async () => {
    const { app, page, url, receiver, webhook } = await started();
    await chooseFromMenu(page, url, 'Pause webhook');
    await expect
      .poll(async () => (await app.harness.ok('webhooks.list', { apiId: webhook.apiId }))[0]?.paused)
      .toBe(true);

    await chooseFromMenu(page, url, 'Send test delivery');
    const confirm = page.getByRole('alertdialog', { name: 'This webhook is paused. Send anyway?' });
    await confirm.waitFor();
    expect(receiver.received).toHaveLength(0);
    await button(confirm, 'Send anyway').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => receiver.received.length).toBe(1);
    await button(region(page), 'Copy as curl').waitFor();
  });
});

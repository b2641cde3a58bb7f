/// <reference lib="dom" />
/**
 * The Webhooks page's layout in Chromium (built renderer, real layout) at 800×600, 1200×800, 1920×1080 and
 * 2560×1440, in light and dark: nothing scrolls sideways, every rendered row's "More actions" is fully visible,
 * rows stay aligned with the header while a menu is open, a 300-character URL keeps its host and last segment,
 * a revealed secret is readable whole, and a "secret missing" explanation stays in its cell.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/shared/delivery';
import { startBridgedApp, type BridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1200, height: 800 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;
const LONG_URL = `https://hooks.acme.example/${Array.from({ length: 40 }, (_, i) => `segment-${i}`)
  .join('/')
  .slice(0, 300 - 'https://hooks.acme.example/'.length - '/invoices'.length)}/invoices`;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page as it is now, contrast included (real layout and paint). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function seeded(): Promise<{ app: BridgedApp; missingUrl: string }> {
  const app = closeAfterEach(await startBridgedApp());
  const { harness } = app;
  const api = await harness.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  const long = await harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url: LONG_URL });
  const described = await harness.ok('webhooks.create', {
    apiId: api.id,
    version: 'v3',
    url: 'https://staging.example.com/events',
    scheme: 'standard-webhooks',
  });
  await harness.ok('webhooks.updateDetails', {
    id: described.id,
    url: described.url,
    description: 'Staging endpoint of the billing team, with a description long enough to be cut',
  });
  await harness.ok('webhooks.setPaused', { id: described.id, paused: true });
  const missingUrl = 'http://localhost:8080/hooks';
  const missing = await harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url: missingUrl });
  for (let i = 0; i < 40; i++) {
    await harness.ok('webhooks.create', {
      apiId: api.id,
      version: i % 2 ? 'v4' : 'v3',
      url: `https://tenant-${i}.hooks.example.com/webhooks/incoming/events-${i}`,
    });
  }
  const record: Delivery = {
    id: randomUUID(),
    webhookId: long.id,
    sentAt: new Date().toISOString(),
    scheme: long.scheme,
    messageId: `msg_${randomUUID()}`,
    redeliveryOf: null,
    request: { method: 'POST', url: long.url, headers: {}, body: '{}' },
    response: { status: 200, statusText: 'OK', headers: {}, body: '', truncated: false },
    error: null,
    durationMs: 12,
    outcome: 'success',
  };
  harness.deliveryLog.apply({ op: 'add', record });
  // The keychain check after a start finds the secret gone and marks the row.
  await harness.vault.delete(harness.account(missing.id));
  await app.restart();
  await app.page.getByRole('grid', { name: 'Webhooks' }).waitFor();
  await app.page.getByText('Signing secret missing from the keychain.').waitFor();
  return { app, missingUrl };
}

/** Every element that scrolls sideways (page, regions, the grid), described for the failure message. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const all = [document.documentElement, document.body, ...Array.from(document.body.querySelectorAll('*'))];
    for (const element of all) {
      const style = getComputedStyle(element);
      const scrolls =
        element === document.documentElement ||
        element === document.body ||
        style.overflowX === 'auto' ||
        style.overflowX === 'scroll';
      if (scrolls && element.scrollWidth > element.clientWidth) {
        const name = `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`;
        found.push(`${name}: scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}`);
      }
    }
    return found;
  });
}

/** Rows whose "More actions" is not fully inside the grid body's visible width (and, in view, not on top). */
function hiddenMoreActions(page: Page): Promise<{ rows: number; problems: string[] }> {
  return page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('[data-table-body]');
    if (!body) return { rows: 0, problems: ['no grid body'] };
    const area = body.getBoundingClientRect();
    const right = area.left + body.clientWidth; // left of any vertical scrollbar
    const problems: string[] = [];
    const rows = Array.from(body.querySelectorAll<HTMLElement>('[role="row"]'));
    for (const row of rows) {
      const button = row.querySelector<HTMLElement>('button[aria-label="More actions"]');
      const at = row.getAttribute('aria-rowindex');
      if (!button) {
        problems.push(`row ${at}: no "More actions"`);
        continue;
      }
      const box = button.getBoundingClientRect();
      if (box.width === 0 || box.left < area.left - 0.5 || box.right > right + 0.5 || box.right > innerWidth)
        problems.push(`row ${at}: button ${box.left}–${box.right}, visible ${area.left}–${right}`);
      const inView = box.top >= area.top && box.bottom <= area.top + body.clientHeight;
      if (inView) {
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!hit || !button.contains(hit))
          problems.push(`row ${at}: "More actions" covered by ${hit?.tagName}`);
      }
    }
    return { rows: rows.length, problems };
  });
}

/** The left edge of each shown header cell and of the same column's cell in the first body row. */
function columnEdges(page: Page): Promise<{ header: number[]; row: number[]; widths: number[] }> {
  return page.evaluate(() => {
    const shown = (cells: Element[]) =>
      cells.filter((cell) => getComputedStyle(cell).display !== 'none').map((c) => c.getBoundingClientRect());
    const header = shown(Array.from(document.querySelectorAll('[role="columnheader"]')));
    const firstRow = document.querySelector('[data-table-body] [role="row"][aria-rowindex="2"]');
    const cells = shown(Array.from(firstRow?.querySelectorAll('[role="gridcell"]') ?? []));
    const headerRow = document.querySelector('[role="row"][aria-rowindex="1"]')?.getBoundingClientRect();
    return {
      header: header.map((r) => Math.round(r.left)),
      // At narrow widths the scheme sits under the version: compare the first line's cells only.
      row: cells.filter((r) => r.top < (cells[0]?.bottom ?? 0)).map((r) => Math.round(r.left)),
      widths: [headerRow?.width ?? 0, firstRow?.getBoundingClientRect().width ?? 0].map(Math.round),
    };
  });
}

/** How the 300-character URL shows: its host and last segment unclipped, its middle shortened. */
function longUrlShown(page: Page, url: string) {
  return page.evaluate((full) => {
    const text = Array.from(document.querySelectorAll<HTMLElement>('[data-url-text]')).find(
      (el) => el.title === full,
    );
    if (!text) return null;
    const part = (name: string) => text.querySelector<HTMLElement>(`[data-url-${name}]`);
    const whole = (el: HTMLElement | null) => !!el && el.scrollWidth <= el.clientWidth && el.clientWidth > 0;
    const cell = text.closest('[role="gridcell"]')?.getBoundingClientRect();
    const tail = part('tail')?.getBoundingClientRect();
    return {
      origin: part('origin')?.textContent,
      originWhole: whole(part('origin')),
      tail: part('tail')?.textContent,
      tailWhole: whole(part('tail')),
      tailInCell: !!cell && !!tail && tail.right <= cell.right + 0.5,
      middleShortened: (part('middle')?.scrollWidth ?? 0) > (part('middle')?.clientWidth ?? 0),
      description: document
        .getElementById(text.closest('[role="row"]')?.getAttribute('aria-describedby') ?? '')
        ?.textContent?.trim(),
    };
  }, url);
}

/** When the "Updated" column shows, the URL column still holds at least 40 characters. */
function updatedColumnRule(page: Page) {
  return page.evaluate(() => {
    const updated = Array.from(document.querySelectorAll('[role="columnheader"]')).find(
      (h) => h.textContent === 'Updated',
    );
    const shown = !!updated && getComputedStyle(updated).display !== 'none';
    const urlText = document.querySelector<HTMLElement>('[data-url-text]');
    const urlCell = urlText?.closest<HTMLElement>('[role="gridcell"]');
    if (!urlText || !urlCell) return { shown, urlChars: 0 };
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    probe.style.font = getComputedStyle(urlText).font;
    probe.textContent = 'https://hooks.example.com/abcdefghijklmnopq'.slice(0, 40);
    document.body.append(probe);
    const perChar = probe.getBoundingClientRect().width / 40;
    probe.remove();
    const style = getComputedStyle(urlCell);
    const inner = urlCell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { shown, urlChars: Math.floor(inner / perChar) };
  });
}

/** The revealed secret's element: its whole text inside its box, its box inside its cell and row. */
function revealedShown(page: Page) {
  return page.evaluate(() => {
    const value = document.querySelector<HTMLElement>('[data-revealed]');
    if (!value) return null;
    const box = value.getBoundingClientRect();
    const cell = value.closest('[role="gridcell"]')?.getBoundingClientRect();
    const row = value.closest('[role="row"]')?.getBoundingClientRect();
    const inside = (outer: DOMRect | undefined) =>
      !!outer &&
      box.left >= outer.left - 0.5 &&
      box.right <= outer.right + 0.5 &&
      box.top >= outer.top - 0.5 &&
      box.bottom <= outer.bottom + 0.5;
    return {
      text: value.textContent,
      whole: value.scrollWidth <= value.clientWidth && value.scrollHeight <= value.clientHeight,
      inCell: inside(cell),
      inRow: inside(row),
    };
  });
}

/** The "secret missing" explanation and its button inside their cell. */
function missingInCell(page: Page, url: string) {
  return page.evaluate((target) => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-table-body] [role="row"]'));
    const found = rows.find((r) => r.querySelector('[data-url-text]')?.getAttribute('title') === target);
    const text = Array.from(found?.querySelectorAll('span') ?? []).find(
      (s) => s.textContent === 'Signing secret missing from the keychain.',
    );
    const cell = text?.closest('[role="gridcell"]')?.getBoundingClientRect();
    const parts = [text, text?.parentElement?.querySelector('button')].map((el) =>
      el?.getBoundingClientRect(),
    );
    return (
      !!cell &&
      parts.every(
        (r) =>
          !!r &&
          r.left >= cell.left - 0.5 &&
          r.right <= cell.right + 0.5 &&
          r.top >= cell.top - 0.5 &&
          r.bottom <= cell.bottom + 0.5,
      )
    );
  }, url);
}

describe('the Webhooks page layout', () => {
  it('fits every size from 800×600, light and dark, with every row usable', async () => {
    const { app, missingUrl } = await seeded();
    const { page } = app;
    const grid = page.getByRole('grid', { name: 'Webhooks' });

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const size of SIZES) {
        const at = `${size.width}×${size.height} ${colorScheme}`;
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));

        expect(await horizontalOverflow(page), at).toEqual([]);
        const more = await hiddenMoreActions(page);
        expect(more.rows, at).toBeGreaterThan(3);
        expect(more.problems, at).toEqual([]);

        const url = await longUrlShown(page, LONG_URL);
        expect(url, at).toMatchObject({
          origin: 'https://hooks.acme.example',
          originWhole: true,
          tail: '/invoices',
          tailWhole: true,
          tailInCell: true,
          middleShortened: true,
          description: LONG_URL,
        });
        const rule = await updatedColumnRule(page);
        if (rule.shown) expect(rule.urlChars, at).toBeGreaterThanOrEqual(40);
        if (size.width >= 1920) expect(rule.shown, at).toBe(true);

        expect(await missingInCell(page, missingUrl), at).toBe(true);

        // A revealed secret reads whole, and hides again.
        const longRow = grid.getByRole('row').filter({
          has: page.locator(`[data-url-text][title="${LONG_URL}"]`),
        });
        await longRow.getByRole('button', { name: 'Reveal signing secret' }).click();
        await page.locator('[data-revealed]').waitFor();
        const secret = await revealedShown(page);
        expect(secret?.text, at).toMatch(SECRET);
        expect(secret, at).toMatchObject({ whole: true, inCell: true, inRow: true });
        expect(await horizontalOverflow(page), `${at}, secret revealed`).toEqual([]);
        await longRow.getByRole('button', { name: 'Hide signing secret' }).click();
        await page.locator('[data-revealed]').waitFor({ state: 'detached' });

        // Rows stay aligned with the header while a row's menu is open.
        const before = await columnEdges(page);
        expect(before.row, at).toEqual(before.header);
        await longRow.getByRole('button', { name: 'More actions' }).click();
        await page.getByRole('menu').waitFor();
        const open = await columnEdges(page);
        expect(open, `${at}, menu open`).toEqual(before);
        expect(open.widths[0], at).toBe(open.widths[1]);
        expect(await horizontalOverflow(page), `${at}, menu open`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('menu').waitFor({ state: 'detached' });
      }
    }
  });

  it('keeps the selected row in view above the Deliveries region it opens', async () => {
    const { app } = await seeded();
    const { page } = app;
    for (const size of [SIZES[0], SIZES[1]]) {
      await page.setViewportSize(size);
      // The lowest row fully in view: the region opening below would cover it.
      const index = await page.evaluate(() => {
        const body = document.querySelector<HTMLElement>('[data-table-body]');
        if (!body) return -1;
        const bottom = body.getBoundingClientRect().top + body.clientHeight;
        const rows = Array.from(body.querySelectorAll<HTMLElement>('[role="row"]'));
        const inView = rows.filter((row) => row.getBoundingClientRect().bottom <= bottom);
        return Number(inView.at(-1)?.getAttribute('aria-rowindex') ?? -1);
      });
      expect(index).toBeGreaterThan(2);
      const row = page.locator(`[data-table-body] [role="row"][aria-rowindex="${index}"]`);
      await row.locator('[data-url-text]').click();
      await page.getByRole('region', { name: 'Deliveries' }).waitFor();
      await expect
        .poll(() =>
          row.evaluate((element) => {
            const body = element.closest<HTMLElement>('[data-table-body]');
            if (!body) return false;
            const area = body.getBoundingClientRect();
            const box = element.getBoundingClientRect();
            return box.top >= area.top - 0.5 && box.bottom <= area.top + body.clientHeight + 0.5;
          }),
        )
        .toBe(true);
      expect(
        await page.evaluate(() => document.querySelector('[data-table-body]')?.scrollWidth),
      ).toBeLessThanOrEqual(
        (await page.evaluate(() => document.querySelector('[data-table-body]')?.clientWidth)) ?? 0,
      );
      await page.getByRole('button', { name: 'Close deliveries' }).click();
      await page.getByRole('region', { name: 'Deliveries' }).waitFor({ state: 'detached' });
      await page.evaluate(() => document.querySelector('[data-table-body]')?.scrollTo(0, 0));
    }
  });

  it('moves through 43 virtualized rows by keyboard, keeps a tab stop in view, and passes axe in light and dark', async () => {
    const { app } = await seeded();
    const { page } = app;
    await page.setViewportSize(SIZES[1]);
    const focusedRow = () =>
      page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'));

    await page.locator('[data-table-body] [role="row"][aria-rowindex="2"]').focus();
    await page.keyboard.press('End');
    await expect.poll(focusedRow).toBe('44');
    await page.keyboard.press('PageUp');
    await expect.poll(focusedRow).toBe('34');
    await page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe('2');

    // Scrolled far from the active row: a row in view is the grid's tab stop.
    await page.evaluate(() => document.querySelector('[data-table-body]')?.scrollTo(0, 100_000));
    await expect
      .poll(() =>
        page.evaluate(() => {
          const body = document.querySelector<HTMLElement>('[data-table-body]');
          const stop = body?.querySelector<HTMLElement>('[role="row"][tabindex="0"]');
          if (!body || !stop) return false;
          const area = body.getBoundingClientRect();
          const box = stop.getBoundingClientRect();
          return box.bottom > area.top && box.top < area.top + body.clientHeight;
        }),
      )
      .toBe(true);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => document.querySelector('[data-table-body]')?.scrollTo(0, 0));
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
  });

  it('fits every width in between (800 to 1600 px, every 25 px): no overflow, URL host and last segment kept', async () => {
    const { app } = await seeded();
    const { page } = app;
    for (let width = 800; width <= 1600; width += 25) {
      const at = `${width}×700`;
      await page.setViewportSize({ width, height: 700 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      expect(await horizontalOverflow(page), at).toEqual([]);
      expect((await hiddenMoreActions(page)).problems, at).toEqual([]);
      expect(await longUrlShown(page, LONG_URL), at).toMatchObject({
        originWhole: true,
        tailWhole: true,
        tailInCell: true,
      });
      const rule = await updatedColumnRule(page);
      if (rule.shown) expect(rule.urlChars, at).toBeGreaterThanOrEqual(40);
      const edges = await columnEdges(page);
      expect(edges.row, at).toEqual(edges.header);
    }
  });
});

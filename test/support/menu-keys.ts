/** Moving through an open menu by keyboard in Chromium, one item at a time (a loaded machine may lag). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The focused element's accessible name as the tests read it: its aria-label, else its text. */
export const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
  });

/** Presses ArrowDown until `name` has focus, waiting for each move to land before the next press. */
export async function arrowDownTo(page: Page, name: string): Promise<void> {
  for (let step = 0; step < 30; step++) {
    const before = await focusedName(page);
    if (before === name) return;
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedName(page)).not.toBe(before);
  }
  throw new Error(`"${name}" never got focus`);
}

/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { WINDOW_BACKGROUND } from '../../src/main/shell/theme';
import { startBridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';

/** '#111318' as getComputedStyle writes it: 'rgb(17, 19, 24)'. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The page's background in its first frame: an animation frame callback runs before that frame paints, and
 * Chromium renders no frame before the stylesheets in the head have loaded.
 */
function recordFirstFrame(): void {
  const w = window as unknown as Record<string, unknown>;
  w.__firstFrame = new Promise((resolve) =>
    requestAnimationFrame(() =>
      resolve({
        background: getComputedStyle(document.documentElement).backgroundColor,
        paintedBefore: performance.getEntriesByType('paint').length,
      }),
    ),
  );
}

describe('the theme in the built app', () => {
  // nativeTheme.themeSource decides what prefers-color-scheme answers in Electron; Playwright's colorScheme
  // stands in for it here.
  it.each([
    ['dark', WINDOW_BACKGROUND.dark],
    ['light', WINDOW_BACKGROUND.light],
  ] as const)(
    'in %s, the first frame already has the background of its scheme, the same as the window',
    async (colorScheme, background) => {
      const app = closeAfterEach(await startBridgedApp({ colorScheme }));
      await app.page.addInitScript(recordFirstFrame);
      await app.page.reload();
      const firstFrame = await app.page.evaluate(
        () => (window as unknown as { __firstFrame: unknown }).__firstFrame,
      );
      expect(firstFrame).toEqual({ background: rgb(background), paintedBefore: 0 });
      await app.page.getByRole('heading', { name: 'Start by adding an API' }).waitFor();
      expect(await app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
        rgb(background),
      );
    },
  );
});

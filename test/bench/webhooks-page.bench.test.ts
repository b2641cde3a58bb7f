/// <reference lib="dom" />
/**
 * The Webhooks page in Chromium (built renderer, bridged to the real main handlers) with 1,000 and 10,000
 * webhooks in one API: time from the list data arriving in the renderer to the first screen of rows painted,
 * and frame intervals while the table scrolls. Medians of several runs.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { emptyConfig } from '../../src/main/config/schema';
import { systemClock } from '../../src/main/ports';
import { startBridgedApp, type BridgedApp } from '../support/bridge';
import { manyWebhooks } from '../support/config-data';
import { memoryVault } from '../support/memory-vault';
import { tempDir } from '../support/temp';
import { median, ms, percentile, report } from './measure';

const RUNS = 15;
const SCROLL_FRAMES = 240;
const FRAME_BUDGET_MS = 1000 / 60;

async function appWith(count: number): Promise<BridgedApp> {
  const dir = tempDir();
  const { store } = openConfigStore(dir, systemClock);
  const now = Date.now();
  const bigId = randomUUID();
  const webhooks = manyWebhooks(bigId, count, {
    now,
    version: (i) => (i % 2 ? 'v4' : 'v3'),
    url: (i) =>
      i % 5 ? `https://hooks.example.com/tenant-${i}/events` : `http://localhost:${3000 + (i % 1000)}/hook`,
  });
  store.update(() => ({
    ...emptyConfig(),
    apis: [
      { id: randomUUID(), name: 'Empty', versions: ['v1'], createdAt: new Date(now).toISOString() },
      { id: bigId, name: 'Big', versions: ['v4', 'v3'], createdAt: new Date(now).toISOString() },
    ],
    webhooks,
  }));
  return startBridgedApp({
    dir,
    // Secrets in memory: the list never reads them, and 10,000 keychain items would only slow the setup.
    vault: memoryVault(webhooks.map((w) => [w.id, `whsec_${'A'.repeat(43)}=`] as const)),
    viewport: { width: 1280, height: 800 },
  });
}

/** Notes when webhooks.list data reaches the renderer (the preload calls window.__hookwardenInvoke per call). */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & { __listArrived: number };
    const invoke = w.__hookwardenInvoke as (channel: string, input: unknown) => Promise<unknown>;
    w.__hookwardenInvoke = async (channel: string, input: unknown) => {
      const result = await invoke(channel, input);
      if (channel === 'webhooks.list') w.__listArrived = performance.now();
      return result;
    };
  });
}

/** Switches to the big API and resolves with ms from data arrival to the first rows painted. */
async function firstScreen(page: Page): Promise<number> {
  await page.getByRole('button', { name: /^Empty/ }).click();
  await page.getByRole('heading', { name: 'No webhooks for Empty yet' }).waitFor();
  const measured = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __listArrived: number };
        w.__listArrived = 0;
        const observer = new MutationObserver(() => {
          if (!w.__listArrived || !document.querySelector('[role="row"][aria-rowindex="2"]')) return;
          observer.disconnect();
          // React has committed the rows (this callback runs right after the commit's task).
          (window as unknown as { __commit: number }).__commit = performance.now() - w.__listArrived;
          // The frame after the one that paints the rows.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - w.__listArrived), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }),
  );
  await page.getByRole('button', { name: /^Big/ }).click();
  return measured;
}

/** Scrolls the table body a fixed step per frame and returns the frame intervals. */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector<HTMLElement>('[data-table-body]');
        if (!body) throw new Error('no table body');
        const intervals: number[] = [];
        let last = 0;
        let frame = 0;
        const step = (time: number) => {
          if (last) intervals.push(time - last);
          last = time;
          body.scrollTop += 97; // not a multiple of the row height: rows enter and leave every frame
          if (++frame < frames) requestAnimationFrame(step);
          else resolve(intervals);
        };
        requestAnimationFrame(step);
      }),
    SCROLL_FRAMES,
  );
}

const results: Record<string, string | number>[] = [];

afterAll(() => {
  report('Webhooks page in Chromium (built renderer, medians)', results);
});

describe('Webhooks page render and scroll', () => {
  for (const count of [1_000, 10_000]) {
    it(`${count.toLocaleString('en')} webhooks`, async () => {
      const app = await appWith(count);
      try {
        await app.page.getByRole('heading', { name: 'No webhooks for Empty yet' }).waitFor();
        await instrument(app.page);
        await firstScreen(app.page); // warm-up
        const renders: number[] = [];
        const commits: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          renders.push(await firstScreen(app.page));
          commits.push(await app.page.evaluate(() => (window as unknown as { __commit: number }).__commit));
        }
        const rows = await app.page.locator('[role="row"]').count();

        const intervals: number[] = [];
        for (let i = 0; i < 3; i++) {
          await app.page.evaluate(
            () => void (document.querySelector('[data-table-body]')?.scrollTo(0, 0) ?? 0),
          );
          intervals.push(...(await scrollFrames(app.page)));
        }
        const dropped = intervals.filter((interval) => interval > FRAME_BUDGET_MS * 1.5).length;
        results.push({
          webhooks: count,
          first_screen_median_ms: ms(median(renders)),
          first_screen_p95_ms: ms(percentile(renders, 95)),
          rows_committed_median_ms: ms(median(commits)),
          rows_in_dom: rows,
          scroll_frame_median_ms: ms(median(intervals)),
          scroll_frame_p95_ms: ms(percentile(intervals, 95)),
          scroll_frames: intervals.length,
          dropped_frames: dropped,
        });
        expect(await app.page.getByRole('grid', { name: 'Webhooks' }).getAttribute('aria-rowcount')).toBe(
          String(count + 1),
        );
      } finally {
        await app.close();
      }
    });
  }
});

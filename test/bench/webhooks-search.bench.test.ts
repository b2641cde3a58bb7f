/// <reference lib="dom" />
/**
 * "Search webhooks" in Chromium (built renderer, bridged to the real main handlers) over 10,000 webhooks: ms
 * from each keystroke to the frame after the filtered rows are painted, as a user types queries. Medians and
 * p95 of every keystroke; issue 10 allows 50 ms per keystroke.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { emptyConfig } from '../../src/main/config/schema';
import { systemClock } from '../../src/main/ports';
import { startBridgedApp } from '../support/bridge';
import { manyWebhooks } from '../support/config-data';
import { memoryVault } from '../support/memory-vault';
import { tempDir } from '../support/temp';
import { median, ms, percentile, report } from './measure';

const COUNT = 10_000;
const ROUNDS = 5;
const BUDGET_MS = 50;
const QUERIES = ['tenant-4242', 'events', 'localhost:3', 'v3 tenant-99', 'no-such-webhook'];

const results: Record<string, string | number>[] = [];

afterAll(() => {
  report('"Search webhooks" in Chromium over 10,000 webhooks (keystroke to painted rows)', results);
});

describe('Webhooks search in Chromium', () => {
  it(`${COUNT.toLocaleString('en')} webhooks`, async () => {
    const dir = tempDir();
    const { store } = openConfigStore(dir, systemClock);
    const now = Date.now();
    const apiId = randomUUID();
    const webhooks = manyWebhooks(apiId, COUNT, {
      now,
      version: (i) => (i % 2 ? 'v4' : 'v3'),
      url: (i) =>
        i % 5 ? `https://hooks.example.com/tenant-${i}/events` : `http://localhost:${3000 + (i % 1000)}/hook`,
    });
    store.update(() => ({
      ...emptyConfig(),
      apis: [{ id: apiId, name: 'Big', versions: ['v4', 'v3'], createdAt: new Date(now).toISOString() }],
      webhooks,
    }));
    const app = await startBridgedApp({
      dir,
      vault: memoryVault(webhooks.map((w) => [w.id, `whsec_${'A'.repeat(43)}=`] as const)),
      viewport: { width: 1280, height: 800 },
    });
    try {
      const search = app.page.getByRole('searchbox', { name: 'Search webhooks' });
      await search.waitFor();
      const samples: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const query of QUERIES) {
          samples.push(
            ...(await app.page.evaluate(
              (text) =>
                new Promise<number[]>((resolve) => {
                  const input = document.querySelector<HTMLInputElement>('[data-webhook-search]');
                  if (!input) throw new Error('no search box');
                  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
                  const times: number[] = [];
                  const type = (length: number) => {
                    if (length > text.length) {
                      setValue?.call(input, '');
                      input.dispatchEvent(new Event('input', { bubbles: true }));
                      requestAnimationFrame(() => setTimeout(() => resolve(times), 0));
                      return;
                    }
                    const start = performance.now();
                    setValue?.call(input, text.slice(0, length));
                    input.dispatchEvent(new Event('input', { bubbles: true }));
                    // The frame after the one that paints the filtered rows.
                    requestAnimationFrame(() =>
                      setTimeout(() => {
                        times.push(performance.now() - start);
                        type(length + 1);
                      }, 0),
                    );
                  };
                  type(1);
                }),
              query,
            )),
          );
        }
      }
      const count = await app.page.locator('[data-webhook-count]').textContent();
      results.push({
        webhooks: COUNT,
        keystrokes: samples.length,
        keystroke_to_paint_median_ms: ms(median(samples)),
        keystroke_to_paint_p95_ms: ms(percentile(samples, 95)),
      });
      expect(count).toBe(`${COUNT} webhooks`);
      expect(percentile(samples, 95)).toBeLessThanOrEqual(BUDGET_MS);
    } finally {
      await app.close();
    }
  });
});

/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENT_NAMES, splitName } from '../../src/shared/contract';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src/main/shell/security';
import { startBridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';

describe('the built app in Chromium', () => {
  it('is served with the strict CSP and exposes only named functions, no Electron or Node API', async () => {
    const app = closeAfterEach(await startBridgedApp());
    const response = await app.page.request.get(app.page.url());
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const meta = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(CONTENT_SECURITY_POLICY_META);

    const exposed = await app.page.evaluate(() => {
      const api = window.hookwarden as unknown as Record<string, Record<string, unknown>>;
      const w = window as unknown as Record<string, unknown>;
      return {
        shape: Object.fromEntries(
          Object.entries(api).map(([domain, fns]) => [
            domain,
            Object.keys(fns).map((k) => `${k}:${typeof fns[k]}`),
          ]),
        ),
        leaks: ['require', 'process', 'ipcRenderer', 'electron', 'module'].filter((name) => name in w),
        // The bridge does not freeze (see bridge.ts): whatever is frozen, the preload froze.
        frozen: [api, ...Object.values(api)].every((object) => Object.isFrozen(object)),
        // A page script trying to swap a function or add one changes nothing.
        untouched: (() => {
          const original = api.apis?.create;
          try {
            (api.apis as Record<string, unknown>).create = () => 'hijacked';
            (api as Record<string, unknown>).extra = {};
          } catch {
            // Strict-mode code gets a TypeError; either way nothing may change.
          }
          return api.apis?.create === original && !('extra' in api);
        })(),
      };
    });
    const expected: Record<string, string[]> = {};
    for (const channel of CHANNELS) {
      const { domain, verb } = splitName(channel);
      (expected[domain] ??= []).push(`${verb}:function`);
    }
    for (const event of EVENT_NAMES) {
      const { domain, verb } = splitName(event);
      // Spelled out rather than subscriberName(): an independent check of the preload's naming rule.
      (expected[domain] ??= []).push(`on${verb[0]?.toUpperCase()}${verb.slice(1)}:function`);
    }
    expect(exposed.shape).toEqual(expected);
    expect(exposed.leaks).toEqual([]);
    expect(exposed.frozen).toBe(true);
    expect(exposed.untouched).toBe(true);
  });

  it('runs no inline script: neither one in the served page nor an event-handler attribute', async () => {
    const app = closeAfterEach(await startBridgedApp());
    const { page } = app;
    // The real page with its real headers, plus an inline script at the end of its body, after the CSP meta.
    await page.route('**/index.html', async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      expect(html).toContain('</body>');
      const body = html.replace('</body>', '<script>window.__inlineRan = true;</script></body>');
      await route.fulfill({ response, body });
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Start by adding an API' }).waitFor();

    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      w.__violations = violations;
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(event.effectiveDirective),
      );
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.__handlerRan = true');
      // The attribute's handler (if it may run) runs before this listener, in the same dispatch.
      const failed = new Promise((resolve) => image.addEventListener('error', resolve, { once: true }));
      image.src = 'data:,not-an-image';
      document.body.append(image);
      await failed;
      return { inline: w.__inlineRan === true, handler: w.__handlerRan === true };
    });
    expect(outcome).toEqual({ inline: false, handler: false });
    // Blocked, not merely unrun: the browser reports the refused handler.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), {
        timeout: 10_000,
      })
      .toContain('script-src-attr');
    // The script is in the page (the app still started), and did not run.
    expect(await page.locator('script:not([src])').evaluateAll((s) => s.map((e) => e.textContent))).toEqual([
      'window.__inlineRan = true;',
    ]);
  });

  it('calls main through the preload: an API created in the page is stored by main, and persists over a restart', async () => {
    const app = closeAfterEach(await startBridgedApp());
    const created = await app.page.evaluate(() =>
      window.hookwarden.apis.create({ name: 'Invoices', versions: ['v4'] }),
    );
    expect(created).toMatchObject({ ok: true, data: { name: 'Invoices', versions: ['v4'] } });
    const refused = await app.page.evaluate(() => window.hookwarden.apis.create({ name: '', versions: [] }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    await app.restart();
    expect(await app.harness.ok('apis.list')).toEqual([expect.objectContaining({ name: 'Invoices' })]);
    const listed = await app.page.evaluate(() => window.hookwarden.apis.list());
    expect(listed).toMatchObject({ ok: true, data: [{ name: 'Invoices' }] });
  });
});

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
        frozen: Object.isFrozen(api),
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

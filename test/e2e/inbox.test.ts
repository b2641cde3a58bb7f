/// <reference lib="dom" />
/**
 * Issue 12's Inbox end to end on the BUILT renderer and preload in Chromium, bridged to the real main handlers:
 * "Receive webhooks" opens it, "Start receiving" on the "Port" given listens for real; requests from the real
 * curl and from the app's own signed test delivery show as they arrive; the answer chosen is what curl gets;
 * "Copy as curl" sends a request again; a port in use is said; "Stop receiving" frees the port.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp, type BridgedApp } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs curl; answers the HTTP status it got. */
async function curl(...args: string[]): Promise<number> {
  const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', ...args], {
    timeout: 15_000,
  });
  return Number(stdout);
}

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const requests = (page: Page) => page.getByRole('listbox', { name: 'Received requests, in arrival order' });
const items = (page: Page) => requests(page).getByRole('option');
const portField = (page: Page) => page.getByRole('spinbutton', { name: 'Port', exact: true });

/** The bridged app (the Inbox stopped after the test), its page on the Inbox. */
async function openInbox(options: Parameters<typeof startBridgedApp>[0] = {}) {
  const app: BridgedApp = closeAfterEach(await startBridgedApp(options));
  closeAfterEach({ close: async () => void (await app.harness.services.inbox.stop()) });
  const { page } = app;
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await button(page, 'Receive webhooks').click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  return { app, page, cspViolations };
}

async function startOn(page: Page, port: number): Promise<string> {
  await portField(page).fill(String(port));
  await button(page, 'Start receiving').click();
  await button(page, 'Stop receiving').waitFor();
  const address = `http://127.0.0.1:${port}`;
  expect(await page.getByRole('textbox', { name: 'Receiving at' }).inputValue()).toBe(address);
  return address;
}

describe('the Inbox, end to end', () => {
  it('receives from curl and from the app’s own delivery live, answers as chosen, copies as curl, stops', async () => {
    const { app, page, cspViolations } = await openInbox();
    expect(await portField(page).inputValue()).toBe('4242');
    expect(await button(page, 'Receive webhooks').getAttribute('aria-current')).toBe('page');

    // The network opt-in says what it means before anything listens there.
    const expose = page.getByRole('checkbox', { name: 'Listen on all network interfaces' });
    await expose.check();
    await page.getByText(/Other machines on your network can then send requests/).waitFor();
    await expose.uncheck();
    expect(await page.getByText(/Other machines on your network/).count()).toBe(0);

    const port = await freePort();
    const address = await startOn(page, port);
    expect(app.harness.services.inbox.status()).toMatchObject({ listening: true, exposedToNetwork: false });
    await button(page, 'Copy address').click();
    await page
      .getByRole('region', { name: /^Notifications/ })
      .getByText('Address copied', { exact: true })
      .waitFor();
    expect(await app.clipboardText()).toBe(address);

    // A request from the real curl shows as it arrives.
    const body = '{"type":"invoice.paid"}';
    expect(
      await curl(
        '-X',
        'POST',
        `${address}/hooks/mine`,
        '-H',
        'X-First: 1',
        '-H',
        'X-Second: 2',
        '--data-raw',
        body,
      ),
    ).toBe(200);
    await expect.poll(() => items(page).count()).toBe(1);
    const first = items(page).first();
    expect(await first.textContent()).toContain('POST');
    expect(await first.textContent()).toContain('/hooks/mine');
    expect(await first.textContent()).toContain(`${body.length} B`);
    await first.click();
    const detail = page.getByRole('article', { name: 'Request: POST /hooks/mine' });
    const headerNames = await detail.locator('dt').allTextContents();
    expect(headerNames.indexOf('X-First')).toBeLessThan(headerNames.indexOf('X-Second'));
    expect(await detail.getByLabel('Body', { exact: true }).textContent()).toBe(body);
    expect(await axeViolations(page)).toEqual([]);

    // The app's own signed test delivery, sent to the Inbox.
    const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const webhook = await app.harness.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: `${address}/hooks/app`,
      scheme: 'standard-webhooks',
    });
    const sent = await app.harness.ok('deliveries.send', { webhookId: webhook.id });
    expect(sent.response?.status).toBe(200);
    await expect.poll(() => items(page).count()).toBe(2);
    await items(page).nth(1).click();
    const appRequest = page.getByRole('article', { name: 'Request: POST /hooks/app' });
    expect(await appRequest.locator('dt').allTextContents()).toEqual(
      expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
    );

    // The answer chosen is what the sender gets: 503 with Retry-After, then 401.
    await page.getByRole('combobox', { name: 'Answer with' }).selectOption('503');
    await expect.poll(() => app.harness.services.inbox.status().response.status).toBe(503);
    const { stdout: headers } = await run('curl', ['-sS', '-D', '-', '-o', '/dev/null', `${address}/retry`]);
    expect(headers).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    expect(headers).toMatch(/^Retry-After: 60\r?$/im);
    await expect.poll(() => items(page).count()).toBe(3);
    expect(await items(page).nth(2).locator('[data-answered]').textContent()).toBe('503');
    await page.getByRole('combobox', { name: 'Answer with' }).selectOption('401');
    await expect.poll(() => app.harness.services.inbox.status().response.status).toBe(401);
    expect(await curl(`${address}/denied`)).toBe(401);
    await expect.poll(() => items(page).count()).toBe(4);

    // Copy as curl on the first request: the real curl sends it to the Inbox again, same path and body.
    await items(page).first().click();
    await button(detail, 'Copy as curl').click();
    await page
      .getByRole('region', { name: /^Notifications/ })
      .getByText(/^Copied as curl/)
      .waitFor();
    const command = await app.clipboardText();
    expect(command).toMatch(/^curl /);
    await run('sh', ['-c', command], { timeout: 15_000 });
    await expect.poll(() => items(page).count()).toBe(5);
    const again = app.harness.services.inbox.list().at(-1);
    expect(again?.path).toBe('/hooks/mine');
    expect(Buffer.from(again?.bodyBase64 ?? '', 'base64').toString()).toBe(body);

    // Clear, then stop: the port is free again.
    await button(page, 'Clear').click();
    await requests(page).waitFor({ state: 'detached' });
    await button(page, 'Stop receiving').click();
    await button(page, 'Start receiving').waitFor();
    expect(app.harness.services.inbox.status().listening).toBe(false);
    await expect(curl(`${address}/after`)).rejects.toThrow();
    const server = net.createServer().listen(port, '127.0.0.1');
    await once(server, 'listening');
    await new Promise((resolve) => server.close(resolve));
    expect(cspViolations).toEqual([]);
  });

  it('a port in use is said plainly; another port starts (800×600, dark, axe with contrast)', async () => {
    const taken = net.createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    closeAfterEach({ close: () => new Promise<void>((resolve) => taken.close(() => resolve())) });
    const { port } = taken.address() as net.AddressInfo;
    const { app, page } = await openInbox({ viewport: { width: 800, height: 600 }, colorScheme: 'dark' });

    await portField(page).fill(String(port));
    await button(page, 'Start receiving').click();
    const alert = page.getByRole('alert').filter({ hasText: 'already in use' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      `Port ${port} is already in use by another program: choose another port.`,
    );
    expect(app.harness.services.inbox.status().listening).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    const address = await startOn(page, await freePort());
    expect(await curl('-X', 'POST', `${address}/small-window`, '--data-raw', 'hi')).toBe(200);
    await expect.poll(() => items(page).count()).toBe(1);
    await items(page).first().click();
    // At 800×600 nothing spills sideways, and the chosen request is on screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    expect(await page.getByRole('article', { name: 'Request: POST /small-window' }).isVisible()).toBe(true);
    expect(await button(page, 'Stop receiving').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // A burst keeps the newest in view at the bottom of the list.
    for (let n = 1; n <= 20; n++) await fetch(`${address}/burst/${n}`, { method: 'POST', body: String(n) });
    await expect.poll(() => items(page).count()).toBe(21);
    const newest = await items(page).last().boundingBox();
    const list = await requests(page).boundingBox();
    expect(newest && list && newest.y + newest.height <= list.y + list.height + 1).toBe(true);
    expect(await items(page).last().textContent()).toContain('/burst/20');
  });
});

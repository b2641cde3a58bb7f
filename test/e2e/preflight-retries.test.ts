/// <reference lib="dom" />
/**
 * Issue 13 end to end on the BUILT renderer and preload in Chromium, bridged to the real main handlers: "Check
 * endpoint" (row menu and create form), "Check receiver security" (with the confirmation before forged requests
 * leave this machine) and "Send with retries", against real receivers on 127.0.0.1; axe with contrast at
 * 800×600 in light and dark.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { axeViolations } from '../support/axe-chromium';
import { startBridgedApp, type BridgedAppOptions } from '../support/bridge';
import { closeAfterEach } from '../support/close-after-each';
import { header, startReceiver, type Respond } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
const table = (page: Page) => page.getByRole('grid', { name: 'Webhooks' });
const row = (page: Page, url: string) => table(page).getByRole('row').filter({ hasText: url });

async function chooseFromMenu(page: Page, url: string, item: string): Promise<void> {
  await button(row(page, url), 'More actions').click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** An app with one webhook of `scheme` whose receiver answers with `respond`, reached at `host`. */
async function appWithWebhook(
  scheme: SignatureScheme,
  respond?: Respond,
  { host = '127.0.0.1', ...options }: BridgedAppOptions & { host?: string } = {},
) {
  const receiver = closeAfterEach(await startReceiver(respond));
  const url = `${receiver.url.replace('127.0.0.1', host)}/hooks`;
  const app = closeAfterEach(await startBridgedApp(options));
  const api = await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const webhook = await app.harness.ok('webhooks.create', { apiId: api.id, version: 'v4', url, scheme });
  await app.page.reload();
  await row(app.page, url).waitFor();
  const secret = async () => (await app.harness.ok('secrets.reveal', { id: webhook.id })).secret;
  return { app, page: app.page, webhook, receiver, url, secret };
}

/** Each listed check's or probe's heading and outcome word. */
async function outcomes(list: Locator): Promise<Record<string, string>> {
  const items = list.locator(':scope > li');
  const found: Record<string, string> = {};
  for (let index = 0; index < (await items.count()); index++) {
    const item = items.nth(index);
    found[(await item.getByRole('heading').textContent()) ?? ''] =
      (await item.locator('[data-outcome]').textContent()) ?? '';
  }
  return found;
}

describe('Check endpoint, end to end', () => {
  it('from the row menu: progress, the six checks, the result kept, "Run again"; at 800×600 dark, axe-clean', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { page, url, receiver } = await appWithWebhook(
      'standard-webhooks',
      async (_request, response) => {
        await held;
        response.writeHead(204).end();
      },
      { viewport: { width: 800, height: 600 }, colorScheme: 'dark' },
    );
    await chooseFromMenu(page, url, 'Check endpoint');
    const dialog = page.getByRole('dialog', { name: 'Endpoint check', exact: true });
    await dialog.getByRole('progressbar', { name: 'Checking the endpoint' }).waitFor();
    expect(await dialog.getByRole('status').textContent()).toBe(
      'Checking the endpoint… This takes up to 15 s.',
    );
    expect(await button(dialog, 'Run again').isDisabled()).toBe(true);
    release();

    const checks = dialog.getByRole('list', { name: 'Checks' });
    await checks.waitFor();
    expect(await outcomes(checks)).toEqual({
      URL: 'Warning',
      DNS: 'Skipped',
      'TCP connect': 'Pass',
      TLS: 'Skipped',
      Redirects: 'Pass',
      Response: 'Pass',
    });
    expect(await dialog.textContent()).toContain('use a tunnel for real deliveries');
    expect(await axeViolations(page)).toEqual([]);
    const delivered = receiver.received.filter((request) => request.method === 'POST');
    expect(delivered).toHaveLength(1);

    // Keyboard: Escape closes; the kept result comes back without a new run.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await chooseFromMenu(page, url, 'Check endpoint');
    await checks.waitFor();
    expect(await dialog.getByText(/^Checked/).textContent()).toMatch(/Checked (just now|\d+ s ago)/);
    expect(receiver.received.filter((request) => request.method === 'POST')).toHaveLength(1);
    await button(dialog, 'Run again').click();
    await expect.poll(() => receiver.received.filter((request) => request.method === 'POST').length).toBe(2);
    await checks.waitFor();
    await page.keyboard.press('Escape');

    // The two signed deliveries, marked in the log.
    await row(page, url).click();
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await expect
      .poll(() => region.getByRole('listitem').filter({ hasText: 'Endpoint check' }).count())
      .toBe(2);
  });

  it('from the create form: the typed URL, no signed delivery', async () => {
    const receiver = closeAfterEach(await startReceiver());
    const app = closeAfterEach(await startBridgedApp());
    await app.harness.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    await app.page.reload();
    const page = app.page;
    await button(page, 'Create a new webhook').click();
    const form = page.getByRole('dialog', { name: 'Create a new webhook' });
    const url = `${receiver.url}/hooks`;
    await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(url);
    await button(form, 'Check endpoint').click();
    const dialog = page.getByRole('dialog', { name: 'Endpoint check', exact: true });
    const checks = dialog.getByRole('list', { name: 'Checks' });
    await checks.waitFor();
    expect(await outcomes(checks)).toMatchObject({ 'TCP connect': 'Pass', Response: 'Skipped' });
    expect(receiver.received.filter((request) => request.method === 'POST')).toEqual([]);
    await button(dialog, 'Done').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Check endpoint');
    expect(await form.getByRole('textbox', { name: 'Endpoint URL' }).inputValue()).toBe(url);
  });
});

describe('Check receiver security, end to end', () => {
  it('a receiver verifying with the official library passes every probe; the records are marked', async () => {
    let secret = '';
    const {
      page,
      url,
      secret: read,
    } = await appWithWebhook('standard-webhooks', async (request, response) => {
      response.writeHead((await verifyDelivery('standard-webhooks', secret, request)) ? 204 : 401).end();
    });
    secret = await read();
    await chooseFromMenu(page, url, 'Check receiver security');
    const dialog = page.getByRole('dialog', { name: 'Receiver security check', exact: true });
    const probes = dialog.getByRole('list', { name: 'Probes' });
    await probes.waitFor();
    const found = await outcomes(probes);
    expect(found['Correctly signed']).toBe('Pass');
    expect(Object.entries(found).filter(([, outcome]) => outcome === 'Fail')).toEqual([]);
    expect(await dialog.locator('[data-probe="duplicate"]').textContent()).toMatch(/Answered 204, then 204/);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await row(page, url).click();
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await expect
      .poll(() => region.getByRole('listitem').filter({ hasText: 'Security check' }).count())
      .toBeGreaterThanOrEqual(8);
  });

  it('asks before forged requests leave this machine, then runs confirmed', async () => {
    const { page, url, receiver } = await appWithWebhook('stripe', undefined, { host: '0.0.0.0' });
    await chooseFromMenu(page, url, 'Check receiver security');
    const confirm = page.getByRole('alertdialog', { name: 'Send forged requests?' });
    expect(await confirm.textContent()).toContain('only for receivers you own');
    expect(receiver.received).toEqual([]);
    await button(confirm, 'Send forged requests').click();
    const dialog = page.getByRole('dialog', { name: 'Receiver security check', exact: true });
    const probes = dialog.getByRole('list', { name: 'Probes' });
    await probes.waitFor();
    expect((await outcomes(probes))['Without its signature header']).toBe('Fail');
    expect(await dialog.textContent()).toContain('anyone can forge webhooks');
  });
});

describe('Send with retries, end to end', () => {
  it('a compressed Svix schedule: attempts with their offsets and answers, the same message id, Stop', async () => {
    let count = 0;
    const { page, url, receiver, secret } = await appWithWebhook(
      'standard-webhooks',
      (_request, response) => {
        count++;
        response.writeHead(count < 3 ? 503 : 200).end();
      },
      { viewport: { width: 800, height: 600 } },
    );
    await row(page, url).click();
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await button(region, 'Send with retries').click();
    const dialog = page.getByRole('dialog', { name: 'Send with retries', exact: true });
    const schedule = dialog.getByRole('combobox', { name: 'Retry schedule' });
    expect(await schedule.locator('option').allTextContents()).toEqual([
      'Svix',
      'Standard Webhooks example',
      'Shopify',
      'GitHub',
      'Custom (e.g. Stripe)',
    ]);
    await schedule.selectOption({ label: 'GitHub' });
    expect(await dialog.textContent()).toContain('GitHub does not retry failed deliveries automatically');
    await schedule.selectOption({ label: 'Svix' });
    const planned = dialog.getByRole('list', { name: 'Planned attempts' });
    expect(await planned.getByRole('listitem').nth(2).textContent()).toContain('Attempt 3 of 8 · +5 min 5 s');
    await dialog.getByRole('combobox', { name: 'Time scale' }).selectOption({ label: '1 s per day' });
    expect(await dialog.textContent()).toContain('quitting or restarting it ends the run');
    expect(await axeViolations(page)).toEqual([]);
    await button(dialog, 'Start retries').click();

    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toContain('Succeeded: attempt 3 of 8 was accepted');
    const attempts = dialog.getByRole('list', { name: 'Attempts' });
    await expect
      .poll(() => attempts.getByRole('listitem').nth(2).textContent())
      .toBe('Attempt 3 of 8 · +5 min 5 s200');
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((request) => header(request, 'webhook-id'))).size).toBe(1);
    for (const request of receiver.received) {
      expect(await verifyDelivery('standard-webhooks', await secret(), request)).toBe(true);
    }
    expect(await axeViolations(page)).toEqual([]);

    // A new run in real time, stopped during its first wait.
    await button(dialog, 'New run').click();
    await dialog.getByRole('combobox', { name: 'Time scale' }).selectOption({ label: 'Real time' });
    count = 0;
    await button(dialog, 'Start retries').click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Running: 1 of 8');
    await button(dialog, 'Stop').click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toContain('Stopped after 1 of 8 attempts.');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(
      await region.getByRole('listitem').filter({ hasText: 'Attempt 3 of 8 · +5 min 5 s' }).count(),
    ).toBe(1);
  });
});

describe('issue 13 dialogs at 800×600 dark', () => {
  it('the receiver security check and a retries run pass axe with contrast', async () => {
    const { page, url } = await appWithWebhook(
      'standard-webhooks',
      (_request, response) => response.writeHead(503).end(),
      { viewport: { width: 800, height: 600 }, colorScheme: 'dark' },
    );
    await chooseFromMenu(page, url, 'Check receiver security');
    const security = page.getByRole('dialog', { name: 'Receiver security check', exact: true });
    await security.getByRole('list', { name: 'Probes' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await security.waitFor({ state: 'detached' });

    await row(page, url).click();
    const region = page.getByRole('region', { name: 'Deliveries', exact: true });
    await button(region, 'Send with retries').click();
    const dialog = page.getByRole('dialog', { name: 'Send with retries', exact: true });
    await dialog.getByRole('combobox', { name: 'Retry schedule' }).selectOption({ label: 'GitHub' });
    await button(dialog, 'Start retries').click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('The one attempt failed.');
    expect(await axeViolations(page)).toEqual([]);
  });
});

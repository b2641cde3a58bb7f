/**
 * Issue 13 in the renderer, against the real main core: "Check endpoint" (row menu and create form), the
 * "Endpoint check" dialog with its six checks, progress and "Run again", the result kept on the webhook; "Check
 * receiver security" with its probes, the confirmation before forged requests leave this machine; the records
 * they send marked in the Deliveries log. Receivers are real HTTP servers on 127.0.0.1.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver, type Respond } from '../support/receiver';
import { startBackend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

type User = Awaited<ReturnType<typeof renderApp>>['user'];

/** One webhook whose receiver (on 127.0.0.1, or reached as `host`) answers with `respond`. */
async function oneWebhook(
  respond?: Respond,
  { host = '127.0.0.1', scheme = 'mindee' }: { host?: string; scheme?: SignatureScheme } = {},
) {
  const receiver = closeAfterEach(await startReceiver(respond));
  const url = `${receiver.url.replace('127.0.0.1', host)}/hooks`;
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4']);
  const webhook = await backend.seedWebhook(api, url, { scheme });
  const app = await renderApp(backend);
  return { ...app, backend, api, webhook, receiver, url };
}

async function choose(user: User, url: string, item: string): Promise<void> {
  await user.click(within(rowOf(url)).getByRole('button', { name: 'More actions' }));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

/** The checks or probes listed in a dialog, by name: their outcome word. */
function outcomes(dialog: HTMLElement, list: 'Checks' | 'Probes'): Record<string, string> {
  const items = within(within(dialog).getByRole('list', { name: list })).getAllByRole('listitem', {
    name: /./,
  });
  return Object.fromEntries(
    items.map((item) => [
      item.getAttribute('aria-labelledby') && within(item).getByRole('heading').textContent,
      item.querySelector('[data-outcome]')?.textContent,
    ]),
  ) as Record<string, string>;
}

const closed = () => waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

describe('Check endpoint (row menu)', () => {
  it('runs the six checks with progress, keeps the result on the webhook, and runs again on request', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { user, backend, webhook, url, receiver } = await oneWebhook(async (_request, response) => {
      await held;
      response.writeHead(200).end('{}');
    });
    await choose(user, url, 'Check endpoint');
    const dialog = await screen.findByRole('dialog', { name: 'Endpoint check' });
    expect(dialog).toHaveTextContent(url);
    // While it runs: what runs, its bound (the delivery timeout 10 s + 5 s) and a bar.
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Checking the endpoint… This takes up to 15 s.',
    );
    expect(within(dialog).getByRole('progressbar', { name: 'Checking the endpoint' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Run again' })).toBeDisabled();
    await expectNoAxeViolations();
    release();

    await within(dialog).findByRole('list', { name: 'Checks' });
    expect(outcomes(dialog, 'Checks')).toEqual({
      URL: 'Warning',
      DNS: 'Skipped', // an IP address: nothing to resolve
      'TCP connect': 'Pass',
      TLS: expect.stringMatching(/Skipped|Pass/),
      Redirects: 'Pass',
      Response: 'Pass',
    });
    const urlCheck = within(dialog).getByRole('listitem', { name: 'URL' });
    expect(urlCheck).toHaveTextContent(/plain http/);
    expect(urlCheck).toHaveTextContent(/Fix:.*use a tunnel for real deliveries/);
    expect(within(dialog).getByRole('listitem', { name: 'TCP connect' })).toHaveTextContent(
      /Connected to 127\.0\.0\.1:\d+ in \d+ ms/,
    );
    expect(dialog).toHaveTextContent(/Checked (just now|\d+ s ago)/);
    expect(backend.callsTo('preflight.checkWebhook')).toEqual([{ id: webhook.id }]);
    await expectNoAxeViolations();
    expect(receiver.received.filter((request) => request.method === 'POST')).toHaveLength(1);

    // Closed and opened again: the kept result, not a new run.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await closed();
    await choose(user, url, 'Check endpoint');
    const again = await screen.findByRole('dialog', { name: 'Endpoint check' });
    expect(outcomes(again, 'Checks')).toMatchObject({ URL: 'Warning', Response: 'Pass' });
    expect(backend.callsTo('preflight.checkWebhook')).toHaveLength(1);
    expect(
      (await backend.main.ok('webhooks.list', { apiId: webhook.apiId }))[0]?.endpointCheck,
    ).toMatchObject({
      url,
    });

    await user.click(within(again).getByRole('button', { name: 'Run again' }));
    await waitFor(() => expect(backend.callsTo('preflight.checkWebhook')).toHaveLength(2));
    await within(again).findByRole('list', { name: 'Checks' });
    await user.keyboard('{Escape}');
    await closed();

    // The signed deliveries it sent are in the log, marked "Endpoint check".
    await user.click(rowOf(url));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    await waitFor(() =>
      expect(
        within(region)
          .getAllByRole('listitem')
          .filter((item) => item.textContent?.includes('Endpoint check')),
      ).toHaveLength(2),
    );
  });

  it('names a failure with its fix and skips what cannot run', async () => {
    const { user, url, receiver } = await oneWebhook();
    await receiver.close(); // nothing listens any more
    await choose(user, url, 'Check endpoint');
    const dialog = await screen.findByRole('dialog', { name: 'Endpoint check' });
    await within(dialog).findByRole('list', { name: 'Checks' });
    expect(outcomes(dialog, 'Checks')).toMatchObject({
      'TCP connect': 'Fail',
      TLS: 'Skipped',
      Redirects: 'Skipped',
      Response: 'Skipped',
    });
    expect(within(dialog).getByRole('listitem', { name: 'Response' })).toHaveTextContent(
      /nothing accepts connections/,
    );
  });
});

describe('Check endpoint (create form)', () => {
  it('checks the typed URL without a signed delivery; an invalid URL is said in the field', async () => {
    const receiver = closeAfterEach(await startReceiver());
    const backend = await startBackend();
    await backend.seedApi('Invoices', ['v4']);
    const { user } = await renderApp(backend);
    await user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const form = await screen.findByRole('dialog', { name: 'Create a new webhook' });
    const field = within(form).getByRole('textbox', { name: 'Endpoint URL' });

    await user.type(field, 'not a url');
    await user.click(within(form).getByRole('button', { name: 'Check endpoint' }));
    expect(screen.queryByRole('dialog', { name: 'Endpoint check' })).toBeNull();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();

    const url = `${receiver.url}/hooks`;
    await user.clear(field);
    await user.type(field, url);
    await user.click(within(form).getByRole('button', { name: 'Check endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Endpoint check' });
    await within(dialog).findByRole('list', { name: 'Checks' });
    expect(backend.callsTo('preflight.checkUrl')).toEqual([{ url, scheme: 'mindee' }]);
    expect(outcomes(dialog, 'Checks')).toMatchObject({
      URL: 'Warning',
      'TCP connect': 'Pass',
      Response: 'Skipped',
    });
    expect(dialog).toHaveTextContent(/No signed test delivery yet/);
    expect(receiver.received.filter((request) => request.method === 'POST')).toEqual([]);
    await expectNoAxeViolations();

    // Escape closes the check only: the form is still there with the URL typed.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Endpoint check' })).toBeNull());
    expect(within(form).getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue(url);
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Check endpoint' })).toHaveFocus());
  });
});

describe('Check receiver security', () => {
  it('lists each probe with its outcome and meaning; a receiver accepting anything fails', async () => {
    const { user, backend, webhook, url } = await oneWebhook(undefined, { scheme: 'standard-webhooks' });
    await choose(user, url, 'Check receiver security');
    const dialog = await screen.findByRole('dialog', { name: 'Receiver security check' });
    await within(dialog).findByRole('list', { name: 'Probes' });
    expect(backend.callsTo('preflight.checkReceiver')).toEqual([{ id: webhook.id, confirmed: false }]);
    const found = outcomes(dialog, 'Probes');
    expect(found).toMatchObject({ 'Correctly signed': 'Pass' });
    expect(Object.values(found)).toContain('Fail');
    const unsigned = within(dialog)
      .getAllByRole('listitem', { name: /./ })
      .find((item) => item.getAttribute('data-probe') === 'unsigned') as HTMLElement;
    expect(unsigned).toHaveTextContent(/Fail.*anyone can forge webhooks/);
    expect(unsigned).toHaveTextContent('Answered 200');
    const duplicate = dialog.querySelector('[data-probe="duplicate"]') as HTMLElement;
    expect(duplicate).toHaveTextContent('Answered 200, then 200');
    expect(duplicate).toHaveTextContent(/deduplicate/);
    await expectNoAxeViolations();
    await user.keyboard('{Escape}');
    await closed();

    await user.click(rowOf(url));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    await waitFor(() =>
      expect(
        within(region)
          .getAllByRole('listitem')
          .filter((item) => item.textContent?.includes('Security check')).length,
      ).toBeGreaterThanOrEqual(8),
    );
  });

  it('asks before sending forged requests to a host other than this machine; Cancel sends nothing', async () => {
    const { user, backend, webhook, url, receiver } = await oneWebhook(undefined, { host: '0.0.0.0' });
    await choose(user, url, 'Check receiver security');
    const confirm = await screen.findByRole('alertdialog', { name: 'Send forged requests?' });
    expect(confirm).toHaveTextContent(/sends forged requests .* only for receivers you own/);
    expect(confirm).toHaveTextContent(url);
    await expectNoAxeViolations();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(receiver.received).toEqual([]);

    await choose(user, url, 'Check receiver security');
    const again = await screen.findByRole('alertdialog', { name: 'Send forged requests?' });
    await user.click(within(again).getByRole('button', { name: 'Send forged requests' }));
    const dialog = await screen.findByRole('dialog', { name: 'Receiver security check' });
    await within(dialog).findByRole('list', { name: 'Probes' });
    expect(backend.callsTo('preflight.checkReceiver')).toEqual([
      { id: webhook.id, confirmed: false },
      { id: webhook.id, confirmed: false },
      { id: webhook.id, confirmed: true },
    ]);
    expect(receiver.received.length).toBeGreaterThan(1);
  });
});

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import type { DeliveryFailure } from '../../src/shared/delivery';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';
import { startBackend, type Backend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

/**
 * A real endpoint on 127.0.0.1: answers `status` with a small JSON body, and while held, answers nothing until
 * released.
 */
async function startEndpoint() {
  const answer = { status: 200, held: null as Promise<void> | null };
  const receiver = closeAfterEach(
    await startReceiver(async (_request, response) => {
      await answer.held;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end('{"received":true}');
    }),
  );
  return {
    receiver,
    answer,
    /** Holds every answer until the returned function is called. */
    hold(): () => void {
      let release: () => void = () => undefined;
      answer.held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        answer.held = null;
        release();
      };
    },
  };
}

/** Two webhooks of the API Invoices to the endpoint, HOOKS (Mindee, v4) and OTHER (Stripe); the app shown. */
async function listOfTwo() {
  const endpoint = await startEndpoint();
  const HOOKS = `${endpoint.receiver.url}/hooks`;
  const OTHER = `${endpoint.receiver.url}/staging/hooks`;
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4', 'v3']);
  const hooks = await backend.seedWebhook(api, HOOKS);
  const other = await backend.seedWebhook(api, OTHER, { scheme: 'stripe' });
  const app = await renderApp(backend);
  return { ...app, backend, endpoint, api, hooks, other, HOOKS, OTHER };
}

/** A webhook's delivery log as main holds it, newest first. */
const logOf = (backend: Backend, webhookId: string) => backend.main.ok('deliveries.list', { webhookId });

type User = Awaited<ReturnType<typeof listOfTwo>>['user'];

const region = () => screen.getByRole('region', { name: 'Deliveries' });
const records = () => within(region()).getAllByRole('listitem');

async function choose(user: User, url: string, item: string) {
  await user.click(within(rowOf(url)).getByRole('button', { name: 'More actions' }));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

/** Opens a webhook's Deliveries region by clicking its row. */
async function openDeliveries(user: User, url: string) {
  await user.click(within(rowOf(url)).getByText(url));
  return screen.findByRole('region', { name: 'Deliveries' });
}

/** The CodeMirror view inside the payload dialog (jsdom cannot type into contenteditable like a browser). */
function editorIn(dialog: HTMLElement): EditorView {
  const element = dialog.querySelector<HTMLElement>('.cm-editor');
  const view = element && EditorView.findFromDOM(element);
  if (!view) throw new Error('no JSON editor in the dialog');
  return view;
}

function replaceText(view: EditorView, text: string): void {
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

describe('Signature scheme', () => {
  it('the create form keeps it in a collapsed "Advanced" section; the chosen scheme is sent', async () => {
    const { user, backend, api } = await listOfTwo();
    await user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a new webhook' });
    const advanced = within(dialog).getByRole('button', { name: 'Advanced' });
    expect(advanced).toHaveAttribute('aria-expanded', 'false');
    expect(within(dialog).queryByRole('combobox', { name: 'Signature scheme' })).toBeNull();

    await user.click(advanced);
    expect(advanced).toHaveAttribute('aria-expanded', 'true');
    const scheme = within(dialog).getByRole('combobox', { name: 'Signature scheme' });
    expect(scheme).toHaveValue('mindee');
    expect(
      within(scheme)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Mindee', 'Standard Webhooks', 'Stripe', 'GitHub']);
    await expectNoAxeViolations();

    await user.selectOptions(scheme, 'Standard Webhooks');
    expect(within(dialog).getByText(/webhook-signature/)).toBeInTheDocument();
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Endpoint URL' }),
      'https://new.example.com/',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create new webhook' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('webhooks.create')).toEqual([
      { apiId: api.id, version: 'v4', url: 'https://new.example.com/', scheme: 'standard-webhooks' },
    ]);
    expect(
      (await backend.main.ok('webhooks.list', { apiId: api.id })).find(
        (webhook) => webhook.url === 'https://new.example.com/',
      ),
    ).toMatchObject({ scheme: 'standard-webhooks' });
    expect(within(rowOf('https://new.example.com/')).getByText('Standard Webhooks')).toBeInTheDocument();

    // Opened again, the form starts collapsed with the default.
    await user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const again = await screen.findByRole('dialog', { name: 'Create a new webhook' });
    await user.click(within(again).getByRole('button', { name: 'Advanced' }));
    expect(within(again).getByRole('combobox', { name: 'Signature scheme' })).toHaveValue('mindee');
  });

  it('the table shows each scheme; "Change signature scheme" saves another one', async () => {
    const { user, backend, api, hooks, HOOKS, OTHER } = await listOfTwo();
    expect(screen.getByRole('columnheader', { name: 'Signature scheme' })).toBeInTheDocument();
    expect(within(rowOf(HOOKS)).getByText('Mindee')).toBeInTheDocument();
    expect(within(rowOf(OTHER)).getByText('Stripe')).toBeInTheDocument();

    await choose(user, HOOKS, 'Change signature scheme');
    const dialog = await screen.findByRole('dialog', { name: 'Change signature scheme' });
    const scheme = within(dialog).getByRole('combobox', { name: 'Signature scheme' });
    expect(scheme).toHaveValue('mindee');
    await user.selectOptions(scheme, 'GitHub');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('webhooks.setScheme')).toEqual([{ id: hooks.id, scheme: 'github' }]);
    expect(
      (await backend.main.ok('webhooks.list', { apiId: api.id })).find((webhook) => webhook.id === hooks.id),
    ).toMatchObject({ scheme: 'github' });
    expect(within(rowOf(HOOKS)).getByText('GitHub')).toBeInTheDocument();
    expect(within(rowOf(HOOKS)).getByRole('button', { name: 'More actions' })).toHaveFocus();
    expect(await screen.findByText('Signature scheme set to GitHub')).toBeInTheDocument();
  });

  it('an error from main stays in the dialog', async () => {
    const { user, backend, api, hooks, HOOKS } = await listOfTwo();
    backend.failConfig('Could not save the configuration: ENOSPC: no space left on device');
    await choose(user, HOOKS, 'Change signature scheme');
    const dialog = await screen.findByRole('dialog', { name: 'Change signature scheme' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Signature scheme' }), 'Stripe');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('ENOSPC');
    expect(within(dialog).getByRole('combobox', { name: 'Signature scheme' })).toHaveValue('stripe');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf(HOOKS)).getByText('Mindee')).toBeInTheDocument();
    expect(
      (await backend.main.ok('webhooks.list', { apiId: api.id })).find((webhook) => webhook.id === hooks.id),
    ).toMatchObject({ scheme: 'mindee' });
  });
});

describe('Send test delivery from the row menu', () => {
  it('sends at once and opens that webhook’s Deliveries region with the new record open', async () => {
    const { user, backend, endpoint, hooks, HOOKS } = await listOfTwo();
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
    await choose(user, HOOKS, 'Send test delivery');

    await screen.findByRole('region', { name: 'Deliveries' });
    expect(backend.callsTo('deliveries.send')).toEqual([{ webhookId: hooks.id }]);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toHaveTextContent('200');
    expect(within(region()).getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
    expect(rowOf(HOOKS)).toHaveAttribute('aria-selected', 'true');
    // The open record shows the outcome: no toast repeats it.
    expect(screen.queryByText('Test delivery: 200 OK')).toBeNull();
    expect(endpoint.receiver.received).toHaveLength(1);
    expect(await logOf(backend, hooks.id)).toMatchObject([{ outcome: 'success', response: { status: 200 } }]);
  });

  it('reports a delivery that went out with its real outcome when only its log could not be saved', async () => {
    const { user, backend, endpoint, HOOKS } = await listOfTwo();
    // The journal cannot be written: appending to a directory fails.
    const journal = join(backend.main.dir, 'deliveries.journal.jsonl');
    rmSync(journal, { force: true });
    mkdirSync(journal);
    const warning =
      `Sent, but the delivery log could not be saved: EISDIR: illegal operation on a directory, open '${journal}'. ` +
      'The latest records are shown, but may be lost when Hookwarden quits.';
    await choose(user, HOOKS, 'Send test delivery');

    const toasts = screen.getByRole('region', { name: /Notifications/ });
    // The open record says it (outcome and warning), and keeps saying so when another record was opened in
    // between; no toast repeats it.
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(await within(region()).findByText(warning)).toBeInTheDocument();
    expect(records()[0]).toHaveTextContent('200');
    expect(within(toasts).queryByText(warning)).toBeNull();
    expect(within(toasts).queryByText('Test delivery: 200 OK')).toBeNull();
    expect(screen.queryByText(/not sent/)).toBeNull();
    expect(endpoint.receiver.received).toHaveLength(1);

    rmSync(journal, { recursive: true });
    await user.click(within(region()).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(within(toasts).queryByText('Redelivered: 200 OK')).toBeNull();
    expect(within(region()).queryByText(warning)).toBeNull();
    await user.click(within(records()[1] as HTMLElement).getByRole('button'));
    expect(within(region()).getByText(warning)).toBeInTheDocument();
    expect(endpoint.receiver.received).toHaveLength(2);
  });

  it('says why nothing was sent when main refuses (missing secret)', async () => {
    const { user, backend, endpoint, hooks, HOOKS } = await listOfTwo();
    await backend.removeSecret(hooks.id); // gone from the keychain behind the app's back
    await choose(user, HOOKS, 'Send test delivery');
    expect(
      await screen.findByText(
        'The test delivery was not sent: The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      ),
    ).toBeInTheDocument();
    expect(within(rowOf(HOOKS)).getByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(within(region()).getByText(/No test deliveries yet/)).toBeInTheDocument();
    expect(endpoint.receiver.received).toEqual([]);
    expect(await logOf(backend, hooks.id)).toEqual([]);
  });
});

describe('The Deliveries region', () => {
  it('opens on a row click or Enter on the focused row, and lists records newest first with chips', async () => {
    const { user, backend, hooks, other, HOOKS, OTHER } = await listOfTwo();
    const at = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    const failed = (seconds: number, kind: DeliveryFailure['kind'], message: string, durationMs = 12) =>
      backend.addDelivery(hooks, {
        sentAt: at(seconds),
        durationMs,
        response: null,
        outcome: 'failure',
        error: { kind, message },
      });
    backend.addDelivery(hooks, { sentAt: at(600), durationMs: 120 });
    failed(500, 'refused', 'Connection refused: nothing accepted the connection at x.', 2);
    failed(400, 'timeout', 'Timeout: x did not answer within 10 s.', 10_000);
    failed(300, 'dns', 'DNS not found: the host name x could not be resolved.');
    failed(200, 'tls', 'TLS error: self-signed certificate.');
    backend.addDelivery(hooks, {
      sentAt: at(100),
      durationMs: 45,
      response: { status: 500, statusText: 'Internal Server Error', headers: {}, body: '', truncated: false },
      outcome: 'failure',
      error: { kind: 'http-status', message: 'Non-2xx response: 500.' },
    });
    backend.addDelivery(other);

    // Enter on the focused row.
    const row = rowOf(HOOKS);
    row.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: 'Deliveries' });
    expect(within(panel).getByRole('button', { name: 'Send test delivery' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Edit test payload' })).toBeInTheDocument();
    await waitFor(() => expect(records()).toHaveLength(6));
    const chips = records().map((item) => item.querySelector('[data-outcome]'));
    expect(chips.map((chip) => chip?.textContent)).toEqual([
      '500',
      'TLS error',
      'DNS not found',
      'Timeout',
      'Connection refused',
      '200',
    ]);
    expect(chips.map((chip) => chip?.getAttribute('data-tone'))).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'success',
    ]);
    expect(records()[0]).toHaveTextContent('2 min ago');
    expect(records()[0]).toHaveTextContent('45 ms');
    expect(records()[3]).toHaveTextContent('10 s');
    await expectNoAxeViolations();

    // A click on the other row switches the region to that webhook.
    await openDeliveries(user, OTHER);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(rowOf(OTHER)).toHaveAttribute('aria-selected', 'true');
    expect(rowOf(HOOKS)).toHaveAttribute('aria-selected', 'false');

    // Close.
    await user.click(within(region()).getByRole('button', { name: 'Close deliveries' }));
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
  });

  it('an opened record shows Request and Response tabs with headers and pretty JSON', async () => {
    const { user, backend, hooks, HOOKS } = await listOfTwo();
    backend.addDelivery(hooks, {
      request: {
        method: 'POST',
        url: HOOKS,
        headers: { 'Content-Type': 'application/json', 'X-Mindee-Hmac-Signature': 'deadbeef' },
        body: '{"job":{"status":"completed"}}',
      },
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json' },
        body: '{"received":true}',
        truncated: true,
      },
    });
    await openDeliveries(user, HOOKS);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(within(region()).getByText(/Choose a delivery/)).toBeInTheDocument();
    await user.click(within(records()[0] as HTMLElement).getByRole('button'));

    const request = within(region()).getByRole('tab', { name: 'Request' });
    const response = within(region()).getByRole('tab', { name: 'Response' });
    expect(request).toHaveAttribute('aria-selected', 'true');
    const panel = () => within(region()).getByRole('tabpanel');
    expect(panel()).toHaveTextContent(`POST ${HOOKS}`);
    expect(panel()).toHaveTextContent('X-Mindee-Hmac-Signature');
    expect(panel()).toHaveTextContent('deadbeef');
    expect(within(panel()).getByLabelText('Body').textContent).toBe(
      '{\n  "job": {\n    "status": "completed"\n  }\n}',
    );
    expect(within(region()).getByRole('button', { name: 'Redeliver' })).toBeInTheDocument();
    expect(within(region()).getByRole('button', { name: 'Copy as curl' })).toBeInTheDocument();
    await expectNoAxeViolations();

    // Tabs by keyboard.
    request.focus();
    await user.keyboard('{ArrowRight}');
    expect(response).toHaveAttribute('aria-selected', 'true');
    expect(panel()).toHaveTextContent('200 OK');
    expect(panel()).toHaveTextContent('content-type');
    expect(within(panel()).getByLabelText('Body').textContent).toBe('{\n  "received": true\n}');
    expect(panel()).toHaveTextContent(/Truncated: only the first 64 KiB/);
  });

  it('a redirect shows its Location; a failure without response says so', async () => {
    const { user, backend, hooks, HOOKS } = await listOfTwo();
    backend.addDelivery(hooks, {
      response: {
        status: 302,
        statusText: 'Found',
        headers: { location: 'https://elsewhere.example.com/' },
        body: '',
        truncated: false,
      },
      outcome: 'failure',
      error: {
        kind: 'redirect',
        message: 'Redirect not followed: the endpoint answered 302 Found to https://elsewhere.example.com/.',
      },
    });
    backend.addDelivery(hooks, {
      response: null,
      outcome: 'failure',
      error: { kind: 'refused', message: 'Connection refused: nothing accepted the connection at x.' },
    });
    await openDeliveries(user, HOOKS);
    await waitFor(() => expect(records()).toHaveLength(2));
    await user.click(within(records()[1] as HTMLElement).getByRole('button'));
    expect(region()).toHaveTextContent(
      'Redirect not followed: the endpoint answered 302 Found to https://elsewhere',
    );
    expect(records()[1]).toHaveTextContent('302');

    await user.click(within(records()[0] as HTMLElement).getByRole('button'));
    await user.click(within(region()).getByRole('tab', { name: 'Response' }));
    expect(within(region()).getByRole('tabpanel')).toHaveTextContent('No response came back.');
    expect(within(region()).getByRole('tabpanel')).toHaveTextContent('Connection refused');
  });

  it('Send test delivery and Redeliver add records; Copy as curl copies in main with a toast', async () => {
    const { user, backend, endpoint, hooks, HOOKS } = await listOfTwo();
    const panel = await openDeliveries(user, HOOKS);
    expect(within(panel).getByText(/No test deliveries yet/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Send test delivery' }));
    await waitFor(() => expect(records()).toHaveLength(1));
    const [first] = await logOf(backend, hooks.id);

    endpoint.answer.status = 500;
    await user.click(within(panel).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(backend.callsTo('deliveries.redeliver')).toEqual([{ deliveryId: first?.id }]);
    const [redelivered] = await logOf(backend, hooks.id);
    expect(redelivered).toMatchObject({ redeliveryOf: first?.id, messageId: first?.messageId });
    expect(records()[0]).toHaveTextContent('500');
    expect(records()[0]).toHaveTextContent('redelivery');
    expect(screen.queryByText('Redelivered: 500 Internal Server Error')).toBeNull(); // the record shows it

    await user.click(within(panel).getByRole('button', { name: 'Copy as curl' }));
    expect(await screen.findByText(/Copied as curl/)).toBeInTheDocument();
    expect(backend.callsTo('deliveries.copyAsCurl')).toEqual([{ deliveryId: redelivered?.id }]);
    expect(backend.clipboardText()).toMatch(/^curl /);
    expect(backend.clipboardText()).toContain(HOOKS);
    expect(endpoint.receiver.received).toHaveLength(2);
  });

  it('Copy as curl and Redeliver report a record that is gone', async () => {
    const { user, backend, endpoint, hooks, HOOKS } = await listOfTwo();
    backend.addDelivery(hooks);
    await openDeliveries(user, HOOKS);
    await waitFor(() => expect(records()).toHaveLength(1));
    await user.click(within(records()[0] as HTMLElement).getByRole('button'));
    // The record leaves main's log store while the region shows it.
    backend.main.deliveryLog.apply({ op: 'remove', webhookIds: [hooks.id] });
    await user.click(within(region()).getByRole('button', { name: 'Copy as curl' }));
    expect(
      await screen.findByText('Could not copy: This delivery is no longer in the log.'),
    ).toBeInTheDocument();
    await user.click(within(region()).getByRole('button', { name: 'Redeliver' }));
    expect(
      await screen.findByText('The test delivery was not sent: This delivery is no longer in the log.'),
    ).toBeInTheDocument();
    expect(backend.clipboardText()).toBe('');
    expect(endpoint.receiver.received).toEqual([]);
  });

  it('learns of new records through deliveries.changed, without polling', async () => {
    const { user, backend, endpoint, hooks, other, HOOKS } = await listOfTwo();
    await openDeliveries(user, HOOKS);
    await waitFor(() => expect(within(region()).getByText(/No test deliveries yet/)).toBeInTheDocument());
    const lists = backend.callsTo('deliveries.list').length;

    // Sends main makes for someone else (another window, say): another webhook's does not reload this one.
    await act(() => backend.main.ok('deliveries.send', { webhookId: other.id }));
    expect(backend.callsTo('deliveries.list')).toHaveLength(lists);

    endpoint.answer.status = 202;
    await act(() => backend.main.ok('deliveries.send', { webhookId: hooks.id }));
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toHaveTextContent('202');
    expect(backend.callsTo('deliveries.list')).toHaveLength(lists + 1);
  });

  it('says "Sending…" while main sends; a closed and reopened region reads the log again', async () => {
    const { user, backend, endpoint, hooks, HOOKS } = await listOfTwo();
    const panel = await openDeliveries(user, HOOKS);
    const release = endpoint.hold();
    await user.click(within(panel).getByRole('button', { name: 'Send test delivery' }));
    expect(await within(panel).findByText('Sending…')).toBeInTheDocument();
    await waitFor(() => expect(endpoint.receiver.received).toHaveLength(1));
    expect(within(panel).getByText('Sending…')).toBeInTheDocument();
    await act(async () => release());
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(within(panel).queryByText('Sending…')).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Close deliveries' }));
    backend.addDelivery(hooks, { durationMs: 99 });
    await openDeliveries(user, HOOKS);
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(records()[0]).toHaveTextContent('99 ms');
  });

  it('goes away with its webhook when that webhook is deleted', async () => {
    const { user, HOOKS, OTHER } = await listOfTwo();
    await openDeliveries(user, HOOKS);
    await choose(user, HOOKS, 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete webhook?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
    await openDeliveries(user, OTHER);
    expect(region()).toHaveTextContent(OTHER);
  });

  it('a log that cannot be loaded says so and offers a reload', async () => {
    const { user, backend, hooks, HOOKS } = await listOfTwo();
    backend.addDelivery(hooks);
    backend.failConfig('Could not read config.json: EIO: i/o error', { reads: true });
    await openDeliveries(user, HOOKS);
    expect(await within(region()).findByRole('alert')).toHaveTextContent(
      'Could not read config.json: EIO: i/o error',
    );
    backend.heal();
    await user.click(within(region()).getByRole('button', { name: 'Reload deliveries' }));
    await waitFor(() => expect(records()).toHaveLength(1));
  });

  it('the delivery timeout can be set between 1 and 60 s', async () => {
    const { user, backend, HOOKS } = await listOfTwo();
    const panel = await openDeliveries(user, HOOKS);
    const field = within(panel).getByRole('spinbutton', { name: 'Timeout (s)' });
    await waitFor(() => expect(field).toHaveValue(10));
    await user.clear(field);
    await user.type(field, '0{Enter}');
    expect(await within(panel).findByRole('alert')).toHaveTextContent('at least 1 s');
    expect(backend.callsTo('settings.update')).toEqual([]);

    await user.clear(field);
    await user.type(field, '25{Enter}');
    await waitFor(() => expect(backend.callsTo('settings.update')).toEqual([{ deliveryTimeoutSeconds: 25 }]));
    // The field shows the saved value: no toast repeats it.
    expect(field).toHaveValue(25);
    expect(screen.queryByText(/now wait up to/)).toBeNull();
    expect(await backend.main.ok('settings.get')).toMatchObject({ deliveryTimeoutSeconds: 25 });
    expect(within(panel).queryByRole('alert')).toBeNull();
  });
});

describe('Edit test payload', () => {
  async function openEditor(setup?: (app: Awaited<ReturnType<typeof listOfTwo>>) => Promise<unknown>) {
    const app = await listOfTwo();
    await setup?.(app);
    const panel = await openDeliveries(app.user, app.HOOKS);
    await app.user.click(within(panel).getByRole('button', { name: 'Edit test payload' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit test payload' });
    await within(dialog).findByRole('textbox', { name: 'Test payload JSON' });
    return { ...app, dialog, view: editorIn(dialog) };
  }

  it('shows the version’s template in a named JSON editor; invalid JSON cannot be saved', async () => {
    const { user, backend, api, dialog, view } = await openEditor();
    expect(view.state.doc.toString()).toContain('"completed"');
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeEnabled();
    expect(within(dialog).getByRole('button', { name: 'Reset to default' })).toBeDisabled();
    await expectNoAxeViolations();

    replaceText(view, '{"document": {"id": 1,}');
    expect(save).toBeDisabled();
    expect(within(dialog).getByText(/The test payload is not valid JSON/)).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Test payload JSON' })).toHaveAccessibleDescription(
      /not valid JSON/,
    );
    await user.click(save);
    expect(backend.callsTo('templates.save')).toEqual([]);

    replaceText(view, '[1, 2]');
    expect(save).toBeDisabled();
    expect(within(dialog).getByText(/must be a JSON object/)).toBeInTheDocument();

    replaceText(view, '{"document": {"id": "doc-1"}}');
    expect(save).toBeEnabled();
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('templates.save')).toEqual([
      { apiId: api.id, version: 'v4', json: '{"document": {"id": "doc-1"}}' },
    ]);
    expect(await backend.main.ok('templates.get', { apiId: api.id, version: 'v4' })).toMatchObject({
      json: '{"document": {"id": "doc-1"}}',
      custom: true,
    });
    expect(await screen.findByText('Test payload saved for Invoices v4')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit test payload' })).toHaveFocus();
  });

  it('marks a syntax error inline in the editor', async () => {
    const { view, dialog } = await openEditor();
    replaceText(view, '{"a": }');
    await waitFor(
      () => expect(dialog.querySelector('.cm-lintRange-error, .cm-lint-marker-error')).not.toBeNull(),
      {
        timeout: 3000,
      },
    );
  });

  it('shows an error from main; Reset to default goes back to the built-in example', async () => {
    const { user, backend, api, dialog, view } = await openEditor(({ backend, api }) =>
      backend.main.ok('templates.save', { apiId: api.id, version: 'v4', json: '{"custom": true}' }),
    );
    expect(view.state.doc.toString()).toBe('{"custom": true}');
    expect(within(dialog).getByText('Your saved payload.')).toBeInTheDocument();

    backend.failConfig('Could not save the configuration: ENOSPC: no space left on device');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not save the configuration: ENOSPC: no space left on device',
    );

    backend.heal();
    // Reset asks first; Cancel keeps the saved payload.
    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    let confirm = await screen.findByRole('alertdialog', { name: 'Reset test payload?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(backend.callsTo('templates.reset')).toEqual([]);
    expect(await backend.main.ok('templates.get', { apiId: api.id, version: 'v4' })).toMatchObject({
      custom: true,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    confirm = await screen.findByRole('alertdialog', { name: 'Reset test payload?' });
    await user.click(within(confirm).getByRole('button', { name: 'Reset to default' }));
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('"completed"'));
    expect(backend.callsTo('templates.reset')).toEqual([{ apiId: api.id, version: 'v4' }]);
    expect(await backend.main.ok('templates.get', { apiId: api.id, version: 'v4' })).toMatchObject({
      custom: false,
    });
    expect(within(dialog).getByRole('button', { name: 'Reset to default' })).toBeDisabled();
  });
});

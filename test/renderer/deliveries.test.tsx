import { act, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import type { DeliveryFailure } from '../../src/shared/delivery';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

const HTTPS = 'https://api.example.com/hooks';
const OTHER = 'https://staging.example.com/hooks';

async function listOfTwo() {
  const fake = new FakeHookwarden();
  const api = fake.seedApi('Invoices', ['v4', 'v3']);
  const https = fake.seedWebhook(api.id, HTTPS);
  const other = fake.seedWebhook(api.id, OTHER, { scheme: 'stripe' });
  const app = await renderApp(fake);
  return { ...app, fake, api, https, other };
}

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
    const { user, fake, api } = await listOfTwo();
    await user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a new webhook' });
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
    expect(fake.callsTo('webhooks.create')).toEqual([
      { apiId: api.id, version: 'v4', url: 'https://new.example.com/', scheme: 'standard-webhooks' },
    ]);
    expect(within(rowOf('https://new.example.com/')).getByText('Standard Webhooks')).toBeInTheDocument();

    // Opened again, the form starts collapsed with the default.
    await user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const again = screen.getByRole('dialog', { name: 'Create a new webhook' });
    await user.click(within(again).getByRole('button', { name: 'Advanced' }));
    expect(within(again).getByRole('combobox', { name: 'Signature scheme' })).toHaveValue('mindee');
  });

  it('the table shows each scheme; "Change signature scheme" saves another one', async () => {
    const { user, fake, https } = await listOfTwo();
    expect(screen.getByRole('columnheader', { name: 'Signature scheme' })).toBeInTheDocument();
    expect(within(rowOf(HTTPS)).getByText('Mindee')).toBeInTheDocument();
    expect(within(rowOf(OTHER)).getByText('Stripe')).toBeInTheDocument();

    await choose(user, HTTPS, 'Change signature scheme');
    const dialog = await screen.findByRole('dialog', { name: 'Change signature scheme' });
    const scheme = within(dialog).getByRole('combobox', { name: 'Signature scheme' });
    expect(scheme).toHaveValue('mindee');
    await user.selectOptions(scheme, 'GitHub');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('webhooks.setScheme')).toEqual([{ id: https.id, scheme: 'github' }]);
    expect(within(rowOf(HTTPS)).getByText('GitHub')).toBeInTheDocument();
    expect(within(rowOf(HTTPS)).getByRole('button', { name: 'More actions' })).toHaveFocus();
    expect(await screen.findByText('Signature scheme set to GitHub')).toBeInTheDocument();
  });

  it('an error from main stays in the dialog', async () => {
    const { user, fake } = await listOfTwo();
    fake.failOn('webhooks.setScheme', 'STORAGE_FAILED', 'Could not save the configuration: ENOSPC');
    await choose(user, HTTPS, 'Change signature scheme');
    const dialog = await screen.findByRole('dialog', { name: 'Change signature scheme' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Signature scheme' }), 'Stripe');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('ENOSPC');
    expect(within(dialog).getByRole('combobox', { name: 'Signature scheme' })).toHaveValue('stripe');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf(HTTPS)).getByText('Mindee')).toBeInTheDocument();
  });
});

describe('Send test delivery from the row menu', () => {
  it('sends at once and opens that webhook’s Deliveries region with the new record open', async () => {
    const { user, fake, https } = await listOfTwo();
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
    await choose(user, HTTPS, 'Send test delivery');

    await screen.findByRole('region', { name: 'Deliveries' });
    expect(fake.callsTo('deliveries.send')).toEqual([{ webhookId: https.id }]);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toHaveTextContent('200');
    expect(within(region()).getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
    expect(rowOf(HTTPS)).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('Test delivery: 200 OK')).toBeInTheDocument();
  });

  it('reports a delivery that went out with its real outcome when only its log could not be saved', async () => {
    const { user, fake } = await listOfTwo();
    fake.logWarning =
      "EISDIR: illegal operation on a directory, open '/data/deliveries.journal.jsonl'. " +
      'The latest records are shown, but may be lost when Hookwarden quits.';
    const warning = `Sent, but the delivery log could not be saved: ${fake.logWarning}`;
    await choose(user, HTTPS, 'Send test delivery');

    const toasts = screen.getByRole('region', { name: /Notifications/ });
    expect(await within(toasts).findByText('Test delivery: 200 OK')).toBeInTheDocument();
    expect(within(toasts).getByText(warning)).toBeInTheDocument();
    expect(screen.queryByText(/not sent/)).toBeNull();
    // The open record says so too, and keeps saying so when another record was opened in between.
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(within(region()).getByText(warning)).toBeInTheDocument();

    fake.logWarning = null;
    await user.click(within(region()).getByRole('button', { name: 'Redeliver' }));
    expect(await within(toasts).findByText('Redelivered: 200 OK')).toBeInTheDocument();
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(within(region()).queryByText(warning)).toBeNull();
    await user.click(within(records()[1] as HTMLElement).getByRole('button'));
    expect(within(region()).getByText(warning)).toBeInTheDocument();
  });

  it('says why nothing was sent when main refuses (missing secret)', async () => {
    const { user, fake } = await listOfTwo();
    fake.failOn('deliveries.send', 'SECRET_MISSING', 'The keychain has no signing secret for this webhook.');
    await choose(user, HTTPS, 'Send test delivery');
    expect(await screen.findByText(/The test delivery was not sent/)).toBeInTheDocument();
    expect(within(rowOf(HTTPS)).getByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(within(region()).getByText(/No test deliveries yet/)).toBeInTheDocument();
  });
});

describe('The Deliveries region', () => {
  it('opens on a row click or Enter on the focused row, and lists records newest first with chips', async () => {
    const { user, fake, https, other } = await listOfTwo();
    const at = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    const failed = (seconds: number, kind: DeliveryFailure['kind'], message: string, durationMs = 12) =>
      fake.seedDelivery(https.id, {
        sentAt: at(seconds),
        durationMs,
        response: null,
        outcome: 'failure',
        error: { kind, message },
      });
    fake.seedDelivery(https.id, { sentAt: at(600), durationMs: 120 });
    failed(500, 'refused', 'Connection refused: nothing accepted the connection at x.', 2);
    failed(400, 'timeout', 'Timeout: x did not answer within 10 s.', 10_000);
    failed(300, 'dns', 'DNS not found: the host name x could not be resolved.');
    failed(200, 'tls', 'TLS error: self-signed certificate.');
    fake.seedDelivery(https.id, {
      sentAt: at(100),
      durationMs: 45,
      response: { status: 500, statusText: 'Internal Server Error', headers: {}, body: '', truncated: false },
      outcome: 'failure',
      error: { kind: 'http-status', message: 'Non-2xx response: 500.' },
    });
    fake.seedDelivery(other.id);

    // Enter on the focused row.
    const row = rowOf(HTTPS);
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
    expect(records()[3]).toHaveTextContent('10.0 s');
    await expectNoAxeViolations();

    // A click on the other row switches the region to that webhook.
    await openDeliveries(user, OTHER);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(rowOf(OTHER)).toHaveAttribute('aria-selected', 'true');
    expect(rowOf(HTTPS)).toHaveAttribute('aria-selected', 'false');

    // Close.
    await user.click(within(region()).getByRole('button', { name: 'Close deliveries' }));
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
  });

  it('an opened record shows Request and Response tabs with headers and pretty JSON', async () => {
    const { user, fake, https } = await listOfTwo();
    fake.seedDelivery(https.id, {
      request: {
        method: 'POST',
        url: HTTPS,
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
    await openDeliveries(user, HTTPS);
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(within(region()).getByText(/Choose a delivery/)).toBeInTheDocument();
    await user.click(within(records()[0] as HTMLElement).getByRole('button'));

    const request = within(region()).getByRole('tab', { name: 'Request' });
    const response = within(region()).getByRole('tab', { name: 'Response' });
    expect(request).toHaveAttribute('aria-selected', 'true');
    const panel = () => within(region()).getByRole('tabpanel');
    expect(panel()).toHaveTextContent(`POST ${HTTPS}`);
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
    const { user, fake, https } = await listOfTwo();
    fake.seedDelivery(https.id, {
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
    fake.seedDelivery(https.id, {
      response: null,
      outcome: 'failure',
      error: { kind: 'refused', message: 'Connection refused: nothing accepted the connection at x.' },
    });
    await openDeliveries(user, HTTPS);
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
    const { user, fake } = await listOfTwo();
    const panel = await openDeliveries(user, HTTPS);
    expect(within(panel).getByText(/No test deliveries yet/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Send test delivery' }));
    await waitFor(() => expect(records()).toHaveLength(1));
    const first = fake.deliveries[0];

    fake.endpointStatus = 500;
    await user.click(within(panel).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(fake.callsTo('deliveries.redeliver')).toEqual([{ deliveryId: first?.id }]);
    expect(records()[0]).toHaveTextContent('500');
    expect(records()[0]).toHaveTextContent('redelivery');
    expect(await screen.findByText('Redelivered: 500 Internal Server Error')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Copy as curl' }));
    expect(await screen.findByText(/Copied as curl/)).toBeInTheDocument();
    expect(fake.callsTo('deliveries.copyAsCurl')).toEqual([{ deliveryId: fake.deliveries[0]?.id }]);
    expect(fake.clipboard).toMatch(/^curl /);
  });

  it('Copy as curl and Redeliver report a record that is gone', async () => {
    const { user, fake, https } = await listOfTwo();
    fake.seedDelivery(https.id);
    await openDeliveries(user, HTTPS);
    await waitFor(() => expect(records()).toHaveLength(1));
    await user.click(within(records()[0] as HTMLElement).getByRole('button'));
    fake.failOn('deliveries.copyAsCurl', 'NOT_FOUND', 'This delivery is no longer in the log.');
    await user.click(within(region()).getByRole('button', { name: 'Copy as curl' }));
    expect(
      await screen.findByText('Could not copy: This delivery is no longer in the log.'),
    ).toBeInTheDocument();
    fake.failOn('deliveries.redeliver', 'NOT_FOUND', 'This delivery is no longer in the log.');
    await user.click(within(region()).getByRole('button', { name: 'Redeliver' }));
    expect(
      await screen.findByText('The test delivery was not sent: This delivery is no longer in the log.'),
    ).toBeInTheDocument();
  });

  it('learns of new records through deliveries.changed, without polling', async () => {
    const { user, fake, https, other } = await listOfTwo();
    await openDeliveries(user, HTTPS);
    await waitFor(() => expect(within(region()).getByText(/No test deliveries yet/)).toBeInTheDocument());
    const lists = fake.callsTo('deliveries.list').length;

    // Another webhook's change does not reload this one.
    act(() => void fake.seedDelivery(other.id));
    expect(fake.callsTo('deliveries.list')).toHaveLength(lists);

    act(() => void fake.seedDelivery(https.id, { durationMs: 77 }));
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toHaveTextContent('77 ms');
    expect(fake.callsTo('deliveries.list')).toHaveLength(lists + 1);
  });

  it('says "Sending…" while main sends; a closed and reopened region reads the log again', async () => {
    const { user, fake, https } = await listOfTwo();
    const panel = await openDeliveries(user, HTTPS);
    const release = fake.hold('deliveries.send');
    await user.click(within(panel).getByRole('button', { name: 'Send test delivery' }));
    expect(await within(panel).findByText('Sending…')).toBeInTheDocument();
    await act(async () => release());
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(within(panel).queryByText('Sending…')).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Close deliveries' }));
    fake.seedDelivery(https.id, { durationMs: 99 });
    await openDeliveries(user, HTTPS);
    await waitFor(() => expect(records()).toHaveLength(2));
    expect(records()[0]).toHaveTextContent('99 ms');
  });

  it('goes away with its webhook when that webhook is deleted', async () => {
    const { user } = await listOfTwo();
    await openDeliveries(user, HTTPS);
    await choose(user, HTTPS, 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete webhook?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
    await openDeliveries(user, OTHER);
    expect(region()).toHaveTextContent(OTHER);
  });

  it('a log that cannot be loaded says so and offers a reload', async () => {
    const { user, fake, https } = await listOfTwo();
    fake.seedDelivery(https.id);
    fake.failOn('deliveries.list', 'INTERNAL', 'The delivery log could not be read.', 1);
    await openDeliveries(user, HTTPS);
    expect(await within(region()).findByRole('alert')).toHaveTextContent(
      'The delivery log could not be read.',
    );
    await user.click(within(region()).getByRole('button', { name: 'Reload deliveries' }));
    await waitFor(() => expect(records()).toHaveLength(1));
  });

  it('the delivery timeout can be set between 1 and 60 s', async () => {
    const { user, fake } = await listOfTwo();
    const panel = await openDeliveries(user, HTTPS);
    const field = within(panel).getByRole('spinbutton', { name: 'Timeout (s)' });
    await waitFor(() => expect(field).toHaveValue(10));
    await user.clear(field);
    await user.type(field, '0{Enter}');
    expect(await within(panel).findByRole('alert')).toHaveTextContent('at least 1 s');
    expect(fake.callsTo('settings.update')).toEqual([]);

    await user.clear(field);
    await user.type(field, '25{Enter}');
    await waitFor(() => expect(fake.settings.deliveryTimeoutSeconds).toBe(25));
    expect(within(panel).queryByRole('alert')).toBeNull();
    expect(await screen.findByText('Test deliveries now wait up to 25 s for an answer')).toBeInTheDocument();
  });
});

describe('Edit test payload', () => {
  async function openEditor(setup?: (fake: FakeHookwarden) => void) {
    const app = await listOfTwo();
    setup?.(app.fake);
    const panel = await openDeliveries(app.user, HTTPS);
    await app.user.click(within(panel).getByRole('button', { name: 'Edit test payload' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit test payload' });
    await within(dialog).findByRole('textbox', { name: 'Test payload JSON' });
    return { ...app, dialog, view: editorIn(dialog) };
  }

  it('shows the version’s template in a named JSON editor; invalid JSON cannot be saved', async () => {
    const { user, fake, api, dialog, view } = await openEditor();
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
    expect(fake.callsTo('templates.save')).toEqual([]);

    replaceText(view, '[1, 2]');
    expect(save).toBeDisabled();
    expect(within(dialog).getByText(/must be a JSON object/)).toBeInTheDocument();

    replaceText(view, '{"document": {"id": "doc-1"}}');
    expect(save).toBeEnabled();
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('templates.save')).toEqual([
      { apiId: api.id, version: 'v4', json: '{"document": {"id": "doc-1"}}' },
    ]);
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

  it('shows main’s INVALID_JSON error; Reset to default goes back to the built-in example', async () => {
    const { user, fake, api, dialog, view } = await openEditor((f) =>
      f.templates.set(`${f.apis[0]?.id}/v4`, '{"custom": true}'),
    );
    expect(view.state.doc.toString()).toBe('{"custom": true}');
    expect(within(dialog).getByText('Your saved payload.')).toBeInTheDocument();

    fake.failOn('templates.save', 'INVALID_JSON', 'The test payload is not valid JSON: from main.', 1);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('from main');

    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    await waitFor(() => expect(editorIn(dialog).state.doc.toString()).toContain('"completed"'));
    expect(fake.callsTo('templates.reset')).toEqual([{ apiId: api.id, version: 'v4' }]);
    expect(fake.templates.size).toBe(0);
    expect(within(dialog).getByRole('button', { name: 'Reset to default' })).toBeDisabled();
  });
});

/**
 * The signature doctor where the user meets it (issue 12), against the real main core: the "Signature doctor"
 * page on the app's own "Copy as curl" of a delivery (Valid), on the same request with its body re-serialised
 * or tampered with, and on a pasted secret with a line break; "Diagnose" on a delivery a real receiver on
 * 127.0.0.1 refused with a 401 (what the receiver must do); the Inbox's verdict on a request it received.
 */
import type { ServerResponse } from 'node:http';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDoctor } from '../../src/renderer/src/stores/doctor';
import type { Delivery } from '../../src/shared/delivery';
import type { Api } from '../../src/shared/domain';
import { INBOX_BODY_LIMIT } from '../../src/shared/inbox';
import { closeAfterEach } from '../support/close-after-each';
import { freePort } from '../support/free-port';
import { startReceiver } from '../support/receiver';
import { startBackend, type Backend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

/**
 * An API "Invoices" with a Stripe webhook to a real receiver on 127.0.0.1 that answers `status`, and a second
 * webhook (v3) beside it; the app shown.
 */
async function openApp(status = 200, seed: (backend: Backend, api: Api) => Promise<unknown> = async () => 0) {
  const receiver = closeAfterEach(
    await startReceiver((_request, response: ServerResponse) => response.writeHead(status).end()),
  );
  const url = `${receiver.url}/hooks`;
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4', 'v3']);
  const hook = await backend.seedWebhook(api, url, { scheme: 'stripe' });
  const other = await backend.seedWebhook(api, `${receiver.url}/other`, { version: 'v3', scheme: 'stripe' });
  await seed(backend, api);
  const app = await renderApp(backend);
  const names = { hook: `Invoices v4 (${url})`, other: `Invoices v3 (${receiver.url}/other)` };
  return { ...app, backend, api, hook, other, url, names };
}

type User = Awaited<ReturnType<typeof openApp>>['user'];

const button = (name: string) => screen.getByRole('button', { name });
const requestField = () => screen.getByRole('textbox', { name: 'Request' });
const againstField = () => screen.getByRole('combobox', { name: 'Check against' });
const result = () => screen.getByRole('region', { name: 'Diagnosis' });
const verdictOf = (scope: HTMLElement) => scope.querySelector<HTMLElement>('[data-verdict]');
const rulesOf = (scope: HTMLElement) =>
  [...scope.querySelectorAll('[data-rule]')].map((item) => item.getAttribute('data-rule'));

async function openDoctor(user: User) {
  await user.click(button('Signature doctor'));
  await screen.findByRole('heading', { name: 'Signature doctor', level: 1 });
  // The webhooks to check against are read from main.
  await waitFor(() => expect(useDoctor.getState().targetsStatus).toBe('ready'));
}

/** Pastes `text` into the Request field (in place of what it holds). */
async function pasteRequest(user: User, text: string) {
  await user.clear(requestField());
  await user.click(requestField());
  await user.paste(text);
}

/** The request the app sent, as a raw HTTP request with `body` in place of its own. */
function rawRequest(sent: Delivery, body = sent.request.body): string {
  return [
    `POST ${new URL(sent.request.url).pathname} HTTP/1.1`,
    ...Object.entries(sent.request.headers).map(([name, value]) => `${name}: ${value}`),
    '',
    body,
  ].join('\r\n');
}

async function diagnose(user: User) {
  await user.click(button('Diagnose'));
  return screen.findByRole('region', { name: 'Diagnosis' });
}

describe('the Signature doctor page', () => {
  it("the app's own Copy as curl, pasted and checked against its webhook: Valid, with what was tried", async () => {
    const { user, backend, hook, names } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await backend.main.ok('deliveries.copyAsCurl', { deliveryId: sent.id });

    await openDoctor(user);
    expect(button('Signature doctor')).toHaveAttribute('aria-current', 'page');
    // Each webhook of every API, named by its API, version and URL; and a secret to paste.
    const options = within(againstField())
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual([names.hook, names.other, 'A secret I paste']);
    expect(againstField()).toHaveDisplayValue(names.hook);
    expect(screen.getByRole('combobox', { name: 'Scheme' })).toHaveDisplayValue('Detect from headers');
    expect(screen.getByRole('spinbutton', { name: 'Tolerance (s)' })).toHaveValue(300);
    expect(requestField()).toHaveAccessibleDescription(/curl command/);
    await expectNoAxeViolations();

    // Nothing pasted: said by the field, nothing asked of main.
    await user.click(button('Diagnose'));
    expect(requestField()).toHaveAccessibleDescription('Paste a raw HTTP request or a curl command.');
    expect(backend.callsTo('doctor.diagnose')).toEqual([]);

    await pasteRequest(user, command);
    const region = await diagnose(user);
    expect(verdictOf(region)).toHaveAttribute('data-verdict', 'valid');
    expect(verdictOf(region)).toHaveTextContent(`Valid — signed with the current secret of ${names.hook}`);
    // Read out when it arrives.
    expect(screen.getByRole('status')).toHaveTextContent(
      `Valid — signed with the current secret of ${names.hook}`,
    );
    expect(region.querySelector('[data-evidence]')).toHaveTextContent(/^Matched exactly as sent$/);
    expect(region.querySelector('[data-matched-with]')).toHaveTextContent(
      `the current secret of ${names.hook}`,
    );
    expect(within(region).getByText('Stripe, from the Stripe-Signature header.')).toBeInTheDocument();
    expect(backend.callsTo('doctor.diagnose')).toEqual([
      { request: command, against: { webhookId: hook.id }, toleranceSeconds: 300 },
    ]);

    // "What was tried": collapsed, then the rule ids in order.
    const tried = within(region).getByText('What was tried');
    const details = tried.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await user.click(tried);
    expect(details.open).toBe(true);
    const rules = within(details)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(rules[0]).toMatch(/^header-/);
    expect(rules).toContain('signature-exact');
    expect(rules.at(-1)).toBe('signature-exact');
    await expectNoAxeViolations();

    // The form and the answer stay when the user looks elsewhere and comes back.
    await user.click(screen.getByRole('button', { name: /^Invoices/ }));
    await user.click(button('Signature doctor'));
    expect(requestField()).toHaveValue(command);
    expect(verdictOf(result())).toHaveAttribute('data-verdict', 'valid');
  });

  it('a body re-serialised on the way: Invalid, the finding with its fix, and the evidence of what matched', async () => {
    const { user, backend, hook, names } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    await openDoctor(user);

    // As express.json() and JSON.stringify(body, null, 2) would hand it to the check.
    const pretty = JSON.stringify(JSON.parse(sent.request.body), null, 2);
    await pasteRequest(user, rawRequest(sent, pretty));
    // Ctrl+Enter in the request diagnoses, as the button does.
    await user.keyboard('{Control>}{Enter}{/Control}');
    let region = await screen.findByRole('region', { name: 'Diagnosis' });
    expect(verdictOf(region)).toHaveAttribute('data-verdict', 'invalid');
    expect(verdictOf(region)?.textContent).toMatch(/^Invalid — /);
    const [finding] = within(region).getAllByRole('listitem');
    expect(finding).toHaveAttribute('data-rule', expect.stringMatching(/^body-/));
    expect(within(finding as HTMLElement).getByText(/^Fix:/)).toBeInTheDocument();
    const evidence = region.querySelector('[data-evidence]');
    expect(evidence?.textContent).toMatch(/^Matched after: /);
    expect(region.querySelector('[data-matched-with]')).toHaveTextContent(
      `the current secret of ${names.hook}`,
    );
    await expectNoAxeViolations();

    // Changing the paste takes the old answer away.
    await user.type(requestField(), ' ');
    expect(screen.queryByRole('region', { name: 'Diagnosis' })).toBeNull();

    // A body really tampered with: nothing explains it.
    const tampered = sent.request.body.replace(/"/, '"x');
    await pasteRequest(user, rawRequest(sent, tampered));
    region = await diagnose(user);
    expect(verdictOf(region)).toHaveAttribute('data-verdict', 'invalid');
    expect(rulesOf(region)).toEqual(['signature-no-match']);
    expect(
      within(region).getByRole('heading', { name: 'No secret tried matches the signature' }),
    ).toBeVisible();
    expect(region.querySelector('[data-evidence]')).toBeNull();

    // The scheme chosen instead of detected: a GitHub check finds no GitHub header.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Scheme' }), 'GitHub');
    region = await diagnose(user);
    expect(backend.callsTo('doctor.diagnose').at(-1)).toMatchObject({ scheme: 'github' });
    expect(rulesOf(region)).toEqual(['github-no-signature']);
    expect(within(region).getByText('GitHub, as chosen.')).toBeInTheDocument();

    // A tolerance outside 1 s – 24 h is said by its field, and nothing is asked.
    const tolerance = screen.getByRole('spinbutton', { name: 'Tolerance (s)' });
    await user.clear(tolerance);
    await user.type(tolerance, '0');
    await user.click(button('Diagnose'));
    expect(tolerance).toHaveAccessibleDescription('Enter a whole number of seconds from 1 to 86400.');
    expect(backend.callsTo('doctor.diagnose')).toHaveLength(3);
  });

  it("during a rotation's overlap: which of the signatures listed matched which secret", async () => {
    const { user, backend, hook, names } = await openApp();
    const oldSecret = (await backend.secretOf(hook.id)) as string;
    await backend.main.ok('rotation.roll', { id: hook.id, keepOldFor: '1h' });
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    await openDoctor(user);
    await pasteRequest(user, rawRequest(sent));
    let region = await diagnose(user);
    expect(verdictOf(region)).toHaveTextContent(`Valid — signed with the current secret of ${names.hook}`);
    expect(region.querySelector('[data-matched-with]')).toHaveTextContent(
      `the current secret of ${names.hook} (signature 1 of those listed)`,
    );
    expect(rulesOf(region)).toEqual(['multiple-signatures']);

    // The receiver still holds the old secret: the second signature is the one it can check.
    await user.selectOptions(againstField(), 'A secret I paste');
    await user.click(screen.getByLabelText('Secret'));
    await user.paste(oldSecret);
    region = await diagnose(user);
    expect(verdictOf(region)).toHaveTextContent('Valid — signed with the secret you pasted');
    expect(region.querySelector('[data-matched-with]')).toHaveTextContent(
      'the secret you pasted (signature 2 of those listed)',
    );
  });

  it('"Received at" an hour after it was signed: too old, and the signature itself still said to match', async () => {
    const { user, backend, hook, names } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    await openDoctor(user);
    await pasteRequest(user, rawRequest(sent));
    const later = new Date(Date.parse(sent.sentAt) + 60 * 60 * 1000);
    // datetime-local: this computer's local time, to the second.
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    fireEvent.change(screen.getByLabelText('Received at'), { target: { value: local } });
    const region = await diagnose(user);
    const sentInput = backend.callsTo('doctor.diagnose')[0] as { receivedAt: string };
    expect(Math.abs(Date.parse(sentInput.receivedAt) - later.getTime())).toBeLessThan(1000);
    expect(verdictOf(region)).toHaveAttribute('data-verdict', 'invalid');
    expect(rulesOf(region)[0]).toBe('time-too-old');
    expect(region.querySelector('[data-matched-with]')).toHaveTextContent(
      `the current secret of ${names.hook}`,
    );
  });

  it('checked against another webhook: names the webhook whose secret signed it', async () => {
    const { user, backend, hook, other, names } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: other.id });
    await openDoctor(user);
    await pasteRequest(user, rawRequest(sent));
    await user.selectOptions(againstField(), names.hook);
    const region = await diagnose(user);
    expect(backend.callsTo('doctor.diagnose')).toEqual([
      expect.objectContaining({ against: { webhookId: hook.id } }),
    ]);
    expect(rulesOf(region)).toContain('secret-other-webhook');
    expect(
      within(region).getByRole('heading', { name: `Signed with the secret of ${names.other}` }),
    ).toBeVisible();
  });

  it('"A secret I paste": a password field; a line break pasted with it is kept and named; never kept after', async () => {
    const { user, backend, hook } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    const { command } = await backend.main.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    const secret = (await backend.secretOf(hook.id)) as string;
    await openDoctor(user);
    await pasteRequest(user, command);

    expect(screen.queryByLabelText('Secret')).toBeNull();
    await user.selectOptions(againstField(), 'A secret I paste');
    const field = screen.getByLabelText('Secret');
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('autocomplete', 'off');
    await user.click(button('Diagnose'));
    expect(field).toHaveAccessibleDescription('Paste the secret to check against.');
    expect(backend.callsTo('doctor.diagnose')).toEqual([]);

    // Copied from a file with its line break: the field keeps it, and says so.
    await user.click(field);
    await user.paste(`${secret}\n`);
    expect(field).toHaveAccessibleDescription(/^Line break kept/);
    let region = await diagnose(user);
    expect(backend.callsTo('doctor.diagnose')).toEqual([
      expect.objectContaining({ against: { secret: `${secret}\n` } }),
    ]);
    expect(verdictOf(region)).toHaveAttribute('data-verdict', 'invalid');
    expect(rulesOf(region)[0]).toBe('secret-whitespace');
    expect(verdictOf(region)?.textContent).not.toContain(secret);
    await expectNoAxeViolations();

    // The secret as it should be: Valid, named only as "the secret you pasted".
    await user.clear(field);
    await user.paste(secret);
    region = await diagnose(user);
    expect(verdictOf(region)).toHaveTextContent('Valid — signed with the secret you pasted');
    // In the field only: never in the page's HTML (no value attribute), never in a store.
    expect(field).toHaveValue(secret);
    expect(document.body.innerHTML).not.toContain(secret);
    expect(JSON.stringify(useDoctor.getState())).not.toContain(secret);

    // Another choice forgets it; so does leaving the page.
    await user.selectOptions(againstField(), 'A secret I paste');
    await user.selectOptions(againstField(), within(againstField()).getAllByRole('option')[0] as HTMLElement);
    await user.selectOptions(againstField(), 'A secret I paste');
    expect(screen.getByLabelText('Secret')).toHaveValue('');
    await user.type(screen.getByLabelText('Secret'), secret);
    await user.click(button('Receive webhooks'));
    await user.click(button('Signature doctor'));
    expect(againstField()).toHaveDisplayValue('A secret I paste');
    expect(screen.getByLabelText('Secret')).toHaveValue('');
    expect(JSON.stringify(useDoctor.getState())).not.toContain(secret);
    expect(document.body.innerHTML).not.toContain(secret);
  });

  it('checked against a webhook deleted meanwhile: said, and it is no longer offered', async () => {
    const { user, backend, hook, other, names } = await openApp();
    const sent = await backend.main.ok('deliveries.send', { webhookId: other.id });
    await openDoctor(user);
    await pasteRequest(user, rawRequest(sent));
    await backend.main.ok('webhooks.delete', { id: hook.id });
    await user.click(button('Diagnose'));
    await waitFor(() => expect(requestField()).toHaveAccessibleDescription('This webhook no longer exists.'));
    await waitFor(() =>
      expect(
        within(againstField())
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual([names.other, 'A secret I paste']),
    );
    expect(backend.callsTo('doctor.diagnose')).toEqual([
      expect.objectContaining({ against: { webhookId: hook.id } }),
    ]);
  });

  it('a paste that is not a request: main says why, by the field', async () => {
    const { user, backend } = await openApp();
    await openDoctor(user);
    await pasteRequest(user, 'hello there');
    await user.click(button('Diagnose'));
    await waitFor(() => expect(requestField()).toHaveAttribute('aria-invalid', 'true'));
    expect(backend.callsTo('doctor.diagnose')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Diagnosis' })).toBeNull();
    expect(requestField()).not.toHaveAccessibleDescription(/curl command, as copied/);
    await expectNoAxeViolations();
  });
});

describe('"Diagnose" on a refused delivery', () => {
  it('a 401 from a real receiver: signed correctly, so what the receiver must do', async () => {
    const { user, backend, hook, url } = await openApp(401);
    const sent = await backend.main.ok('deliveries.send', { webhookId: hook.id });
    expect(sent.response?.status).toBe(401);
    await user.click(within(rowOf(url)).getByText(url));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    const [record] = within(region).getAllByRole('listitem');
    await user.click(within(record as HTMLElement).getByRole('button'));

    await user.click(within(region).getByRole('button', { name: 'Diagnose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Why the receiver answered 401 Unauthorized' });
    await waitFor(() => expect(verdictOf(dialog)).not.toBeNull());
    expect(backend.callsTo('doctor.diagnoseDelivery')).toEqual([{ deliveryId: sent.id }]);
    expect(verdictOf(dialog)).toHaveAttribute('data-verdict', 'valid');
    const advice = within(dialog).getByRole('region', { name: 'What the receiver must do' });
    expect(advice).toHaveTextContent(
      "Hookwarden signed this delivery correctly, yet your receiver answered 401: the problem is on the receiver's side.",
    );
    expect(advice).toHaveTextContent(/whole "whsec_…" string as the key/);
    await expectNoAxeViolations();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(region).getByRole('button', { name: 'Diagnose' })).toHaveFocus();
  });

  it('is offered for 400, 401 and 403 only', async () => {
    const { user, backend, hook, url } = await openApp();
    const start = Date.now() - 60_000;
    for (const [index, status] of [500, 403, 200].entries()) {
      backend.addDelivery(hook, {
        sentAt: new Date(start + index * 1000).toISOString(),
        response: { status, statusText: '', headers: {}, body: '', truncated: false },
        outcome: status === 200 ? 'success' : 'failure',
      });
    }
    await user.click(within(rowOf(url)).getByText(url));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    const offered: boolean[] = [];
    for (const record of within(region).getAllByRole('listitem')) {
      await user.click(within(record).getByRole('button'));
      offered.push(within(region).queryByRole('button', { name: 'Diagnose' }) !== null);
    }
    // Newest first: 200, 403, 500.
    expect(offered).toEqual([false, true, false]);
  });
});

describe('the Inbox verdict', () => {
  it("each request's verdict: the webhook that signed it detected, or the one chosen in Verify against", async () => {
    const { user, backend, hook, other } = await openApp();
    const inbox = await backend.main.ok('inbox.start', { port: await freePort() });
    await backend.main.ok('webhooks.updateUrl', { id: other.id, url: `${inbox.url}/in` });
    await backend.main.ok('deliveries.send', { webhookId: other.id });
    const otherName = `Invoices v3 (${inbox.url}/in)`;

    await user.click(button('Receive webhooks'));
    const list = await screen.findByRole('listbox', { name: 'Received requests, in arrival order' });
    await user.click(within(list).getByRole('option'));
    const detail = screen.getByRole('article', { name: 'Request: POST /in' });
    const verdict = within(detail).getByRole('region', { name: 'Signature' });
    const against = within(verdict).getByRole('combobox', { name: 'Verify against' });
    expect(against).toHaveDisplayValue('Detect the webhook');
    await waitFor(() => expect(verdictOf(verdict)).not.toBeNull());
    expect(verdictOf(verdict)).toHaveTextContent(`Valid — signed with the current secret of ${otherName}`);
    expect(backend.callsTo('doctor.diagnoseInboxRequest')).toHaveLength(1);
    await expectNoAxeViolations();

    // Chosen elsewhere and back: asked once per request and choice.
    await user.selectOptions(against, `Invoices v4 (${hook.url})`);
    await waitFor(() => expect(rulesOf(verdict)).toContain('secret-other-webhook'));
    expect(verdictOf(verdict)).toHaveAttribute('data-verdict', 'invalid');
    expect(backend.callsTo('doctor.diagnoseInboxRequest')).toEqual([
      { requestId: expect.any(String) },
      { requestId: expect.any(String), webhookId: hook.id },
    ]);
    await user.selectOptions(against, 'Detect the webhook');
    await waitFor(() => expect(verdictOf(verdict)).toHaveAttribute('data-verdict', 'valid'));
    expect(backend.callsTo('doctor.diagnoseInboxRequest')).toHaveLength(2);
  });

  it('the list shows each request with its verdict as it arrives: a delivery of a webhook valid, a forgery invalid', async () => {
    const { user, backend, other } = await openApp();
    const inbox = await backend.main.ok('inbox.start', { port: await freePort() });
    await backend.main.ok('webhooks.updateUrl', { id: other.id, url: `${inbox.url}/in` });
    await user.click(button('Receive webhooks'));
    await screen.findByText(/Nothing received yet/);

    await backend.main.ok('deliveries.send', { webhookId: other.id });
    await fetch(`${inbox.url}/forged`, {
      method: 'POST',
      headers: { 'Stripe-Signature': 't=1,v1=00' },
      body: '{}',
    });
    const list = await screen.findByRole('listbox', { name: 'Received requests, in arrival order' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    const [signed, forged] = within(list).getAllByRole('option') as [HTMLElement, HTMLElement];
    await waitFor(() => expect(signed).toHaveTextContent('Valid'));
    await waitFor(() => expect(forged).toHaveTextContent('Invalid'));
    expect(
      within(signed).getByTitle(/^Valid — signed with the current secret of Invoices v3/),
    ).toBeInTheDocument();
    // Nothing selected: the verdicts were asked as the requests arrived, once each.
    expect(backend.callsTo('doctor.diagnoseInboxRequest')).toHaveLength(2);
  });

  it('a webhook chosen in Verify against, deleted meanwhile: the choice goes back to detecting the webhook', async () => {
    const { user, backend, hook, other } = await openApp();
    const inbox = await backend.main.ok('inbox.start', { port: await freePort() });
    await backend.main.ok('webhooks.updateUrl', { id: other.id, url: `${inbox.url}/in` });
    await backend.main.ok('deliveries.send', { webhookId: other.id });
    await user.click(button('Receive webhooks'));
    const list = await screen.findByRole('listbox', { name: 'Received requests, in arrival order' });
    await user.click(await within(list).findByRole('option'));
    const verdict = screen.getByRole('region', { name: 'Signature' });
    const against = within(verdict).getByRole('combobox', { name: 'Verify against' });
    await waitFor(() => expect(verdictOf(verdict)).not.toBeNull());
    await user.selectOptions(against, `Invoices v4 (${hook.url})`);
    await waitFor(() => expect(rulesOf(verdict)).toContain('secret-other-webhook'));

    await backend.main.ok('webhooks.delete', { id: hook.id });
    await backend.main.ok('deliveries.send', { webhookId: other.id });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    await user.click(within(list).getAllByRole('option')[1] as HTMLElement);
    // Main says the webhook is gone; the choice goes back to detecting it, and the verdict comes.
    await waitFor(() => expect(against).toHaveDisplayValue('Detect the webhook'));
    await waitFor(() => expect(verdictOf(verdict)).toHaveAttribute('data-verdict', 'valid'));
    expect(within(against).queryByRole('option', { name: `Invoices v4 (${hook.url})` })).toBeNull();
  });

  it('a body the Inbox kept only in part: said in a note beside the verdict', async () => {
    const { user, backend } = await openApp();
    const inbox = await backend.main.ok('inbox.start', { port: await freePort() });
    const response = await fetch(`${inbox.url}/big`, {
      method: 'POST',
      headers: { 'Stripe-Signature': 't=1,v1=00' },
      body: 'x'.repeat(INBOX_BODY_LIMIT + 1024),
    });
    expect(response.status).toBe(200);
    await user.click(button('Receive webhooks'));
    const list = await screen.findByRole('listbox', { name: 'Received requests, in arrival order' });
    await user.click(await within(list).findByRole('option'));
    const verdict = screen.getByRole('region', { name: 'Signature' });
    const note = await within(verdict).findByRole('region', { name: 'Note' });
    expect(note).toHaveTextContent(/kept only the first 64 KiB of this body/);
    expect(verdictOf(verdict)).toHaveAttribute('data-verdict', 'invalid');
    await expectNoAxeViolations();
  });
});

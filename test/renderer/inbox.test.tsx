/**
 * The Inbox page (issue 12, "Receive webhooks") against the real main core: the real Inbox listens on a free
 * port of 127.0.0.1, requests are POSTed to it with node:http, and the page shows them as they arrive; a port
 * in use is said in main's words; the status and delay chosen are what the real HTTP answer carries.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useInbox } from '../../src/renderer/src/stores/inbox';
import {
  INBOX_BODY_LIMIT,
  INBOX_LIMIT,
  type InboxStatus,
  type ReceivedRequest,
} from '../../src/shared/inbox';
import { closeAfterEach } from '../support/close-after-each';
import { dialogAnswers } from '../support/electron-double';
import { tempDir } from '../support/temp';
import { startBackend, type Backend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp } from './render-app';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** POSTs raw bytes with exactly these header lines (in this order); answers status, headers, time taken. */
async function post(url: string, body: Buffer | string, headers: [string, string][] = []) {
  const bytes = Buffer.from(body);
  const started = Date.now();
  const request = http.request(url, {
    method: 'POST',
    // Node's flat list form: each header line as given, repeated names included (then no Host is added).
    headers: ['Host', new URL(url).host, ...headers.flat(), 'Content-Length', String(bytes.length)],
  });
  request.end(bytes);
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  for await (const _chunk of response) void _chunk;
  return { status: response.statusCode, headers: response.headers, ms: Date.now() - started };
}

/** The app on the real core (after `seed`), with the Inbox stopped after the test. */
async function openApp(seed: (backend: Backend) => Promise<unknown> = async () => undefined) {
  const backend = await startBackend();
  await seed(backend);
  closeAfterEach({ close: async () => void (await backend.main.services.inbox.stop()) });
  const app = await renderApp(backend);
  return { ...app, backend };
}

type User = Awaited<ReturnType<typeof openApp>>['user'];

const button = (name: string) => screen.getByRole('button', { name });
const portField = () => screen.getByRole('spinbutton', { name: 'Port' });
const requestList = () => screen.getByRole('listbox', { name: 'Received requests, in arrival order' });
const requestItems = () => within(requestList()).getAllByRole('option');

async function openInbox(user: User) {
  await user.click(button('Receive webhooks'));
  await screen.findByRole('heading', { name: 'Inbox', level: 1 });
}

/** Starts the Inbox from the page on a free port; answers its address as the page shows it. */
async function startReceiving(user: User): Promise<string> {
  const port = await freePort();
  await user.clear(portField());
  await user.type(portField(), String(port));
  await user.click(button('Start receiving'));
  const address = await screen.findByRole('textbox', { name: 'Receiving at' });
  expect(address).toHaveValue(`http://127.0.0.1:${port}`);
  return `http://127.0.0.1:${port}`;
}

const isListening = (backend: Backend) => backend.main.services.inbox.status().listening;

describe('the Inbox page', () => {
  it('"Receive webhooks" opens it; a request POSTed to the address shows at once, headers in order, body as sent', async () => {
    const { user, backend } = await openApp();
    await openInbox(user);
    expect(button('Receive webhooks')).toHaveAttribute('aria-current', 'page');
    expect(portField()).toHaveValue(4242);
    expect(screen.getByRole('checkbox', { name: 'Listen on all network interfaces' })).not.toBeChecked();
    expect(screen.getByText(/No requests\. Start receiving/)).toBeInTheDocument();
    await expectNoAxeViolations();

    const address = await startReceiving(user);
    expect(isListening(backend)).toBe(true);
    // The same button, still focused, now stops it.
    expect(button('Stop receiving')).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Start receiving' })).toBeNull();
    expect(portField()).toBeDisabled();
    expect(
      screen.getByText('Nothing received yet. Requests show here the moment they arrive.'),
    ).toBeVisible();

    const body = '{"type":"invoice.paid","amount":42}';
    const answer = await post(`${address}/hooks/stripe?attempt=1`, body, [
      ['X-Custom', 'first'],
      ['webhook-id', 'msg_1'],
      ['X-Custom', 'second'],
    ]);
    expect(answer.status).toBe(200);

    await waitFor(() => expect(requestItems()).toHaveLength(1));
    const [item] = requestItems();
    expect(item).toHaveTextContent('POST');
    expect(item).toHaveTextContent('/hooks/stripe?attempt=1');
    expect(item).toHaveTextContent(`${body.length} B`);
    expect(within(item as HTMLElement).getByText('200')).toBeInTheDocument();
    expect(screen.getByText('1 request')).toBeInTheDocument();

    await user.click(item as HTMLElement);
    expect(item).toHaveAttribute('aria-selected', 'true');
    const detail = screen.getByRole('article', { name: 'Request: POST /hooks/stripe?attempt=1' });
    const names = [...detail.querySelectorAll('dl[class*=headers] dt')].map((dt) => dt.textContent);
    // Headers as the sender wrote them: its order and case, the repeated name twice.
    expect(names.slice(0, 4)).toEqual(['Host', 'X-Custom', 'webhook-id', 'X-Custom']);
    expect(names).toContain('Content-Length');
    expect(within(detail).getByLabelText('Body')).toHaveTextContent(body);
    expect(within(detail).getByText('127.0.0.1')).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(within(detail).getByRole('button', { name: 'Copy as curl' }));
    expect(backend.callsTo('inbox.copyAsCurl')).toHaveLength(1);
    expect(backend.clipboardText()).toContain(`${address}/hooks/stripe?attempt=1`);
    expect(backend.clipboardText()).toContain('invoice.paid');
    expect(await screen.findByText(/Copied as curl/)).toBeInTheDocument();

    // A second and third request come in below it, in arrival order.
    await post(`${address}/second`, 'two');
    await post(`${address}/third`, '');
    await waitFor(() => expect(requestItems()).toHaveLength(3));
    expect(requestItems().map((option) => option.textContent)).toEqual([
      expect.stringContaining('/hooks/stripe'),
      expect.stringContaining('/second'),
      expect.stringContaining('/third'),
    ]);

    await user.click(button('Clear'));
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(backend.main.services.inbox.list()).toEqual([]);
    expect(screen.getByText('0 requests')).toBeInTheDocument();

    await user.click(button('Stop receiving'));
    expect(await screen.findByRole('button', { name: 'Start receiving' })).toHaveFocus();
    expect(isListening(backend)).toBe(false);
    expect(portField()).toBeEnabled();
    expect(portField()).toHaveValue(Number(new URL(address).port));
    // The port is free again.
    const server = net.createServer().listen(Number(new URL(address).port), '127.0.0.1');
    await once(server, 'listening');
    await new Promise((resolve) => server.close(resolve));
  });

  it('says plainly when the port is in use (main’s words) and starts on another one', async () => {
    const { user, backend } = await openApp();
    const taken = net.createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    closeAfterEach({ close: () => new Promise<void>((resolve) => taken.close(() => resolve())) });
    const { port } = taken.address() as net.AddressInfo;
    await openInbox(user);

    await user.clear(portField());
    await user.type(portField(), String(port));
    await user.click(button('Start receiving'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      `Port ${port} is already in use by another program: choose another port.`,
    );
    expect(portField()).toHaveAttribute('aria-invalid', 'true');
    expect(portField()).toHaveAccessibleDescription(expect.stringContaining('already in use'));
    expect(isListening(backend)).toBe(false);
    await expectNoAxeViolations();

    // A port outside 1024–65535 is refused before asking main.
    await user.clear(portField());
    await user.type(portField(), '80');
    await user.click(button('Start receiving'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/1024 to 65535/);
    expect(backend.callsTo('inbox.start')).toHaveLength(1);

    await startReceiving(user);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(isListening(backend)).toBe(true);
  });

  it('listening on every network interface is an explicit opt-in, with its warning while it lasts', async () => {
    const { user, backend } = await openApp();
    await openInbox(user);
    const expose = screen.getByRole('checkbox', { name: 'Listen on all network interfaces' });
    expect(screen.queryByText(/Other machines on your network/)).toBeNull();
    await user.click(expose);
    expect(expose).toHaveAccessibleDescription(
      expect.stringContaining('Other machines on your network can then send requests to this Inbox.'),
    );
    await startReceiving(user);
    expect(backend.callsTo('inbox.start')).toEqual([{ port: expect.any(Number), exposeToNetwork: true }]);
    expect(backend.main.services.inbox.status().exposedToNetwork).toBe(true);
    expect(expose).toBeChecked();
    expect(expose).toBeDisabled();
    expect(screen.getByText(/Other machines on your network can then send/)).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Receiving at' })).toHaveAccessibleDescription(
      /Other machines reach it at this computer’s network address/,
    );

    // Stopped and started again without it: loopback alone, no warning.
    await user.click(button('Stop receiving'));
    await user.click(await screen.findByRole('checkbox', { name: 'Listen on all network interfaces' }));
    expect(screen.queryByText(/Other machines on your network/)).toBeNull();
    await user.click(button('Start receiving'));
    await screen.findByRole('button', { name: 'Stop receiving' });
    expect(backend.main.services.inbox.status().exposedToNetwork).toBe(false);
    expect(screen.getByRole('textbox', { name: 'Receiving at' })).toHaveAccessibleDescription(
      'Any path. Only this computer can reach it.',
    );
  });

  it('the status and delay chosen are what the real HTTP answer carries; 503 says Retry-After', async () => {
    const { user, backend } = await openApp();
    await openInbox(user);
    const status = screen.getByRole('combobox', { name: 'Answer with' });
    expect(status).toHaveValue('200');
    expect(
      within(status)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      '200 OK',
      '401 Unauthorized',
      '410 Gone',
      '500 Internal Server Error',
      '503 Service Unavailable + Retry-After',
    ]);
    const address = await startReceiving(user);

    await user.selectOptions(status, '503');
    await waitFor(() => expect(backend.main.services.inbox.status().response.status).toBe(503));
    expect(status).toHaveAccessibleDescription(
      'Each request is answered at once with 503 Service Unavailable, whose Retry-After asks the sender to wait 60 s.',
    );
    const unavailable = await post(`${address}/hooks`, '{}');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('60');

    await user.selectOptions(status, '410');
    const delay = screen.getByRole('spinbutton', { name: 'Delay (s)' });
    await user.clear(delay);
    await user.type(delay, '1{Enter}');
    await waitFor(() =>
      expect(backend.main.services.inbox.status().response).toEqual({ status: 410, delaySeconds: 1 }),
    );
    expect(backend.callsTo('inbox.setResponse').at(-1)).toEqual({ status: 410, delaySeconds: 1 });

    // The request shows while its answer waits for the delay.
    const slow = post(`${address}/slow`, 'x');
    await waitFor(() => expect(requestItems()).toHaveLength(2));
    expect(requestItems()[1]).toHaveTextContent('410');
    const gone = await slow;
    expect(gone.status).toBe(410);
    expect(gone.ms).toBeGreaterThanOrEqual(950);
    expect(requestItems()[0]).toHaveTextContent('503');

    // Out of range: said at the field, main keeps the last answer.
    await user.clear(delay);
    await user.type(delay, '31{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The delay is at most 30 s.');
    expect(backend.main.services.inbox.status().response).toEqual({ status: 410, delaySeconds: 1 });
    await expectNoAxeViolations();
  });

  it('a body that is not UTF-8, or longer than what is kept, says so', async () => {
    const { user } = await openApp();
    await openInbox(user);
    const address = await startReceiving(user);
    await post(`${address}/latin1`, Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café" in Latin-1
    await post(`${address}/big`, 'a'.repeat(INBOX_BODY_LIMIT + 1000));
    await waitFor(() => expect(requestItems()).toHaveLength(2));

    await user.click(requestItems()[0] as HTMLElement);
    expect(screen.getByText(/Not UTF-8 text/)).toBeInTheDocument();
    expect(screen.getByLabelText('Body')).toHaveTextContent('caf\uFFFD');
    expect(screen.queryByText(/Truncated/)).toBeNull();

    await user.click(requestItems()[1] as HTMLElement);
    expect(requestItems()[1]).toHaveTextContent('65 KiB');
    expect(
      screen.getByText(/Truncated: the body was 65 KiB; only the first 64 KiB were kept\./),
    ).toBeVisible();
    expect(screen.queryByText(/Not UTF-8 text/)).toBeNull();
  });

  it('"Save requests" writes what was received, exact bytes, to the file picked', async () => {
    const { user } = await openApp();
    await openInbox(user);
    expect(button('Save requests')).toBeDisabled();
    const address = await startReceiving(user);
    await post(`${address}/kept`, Buffer.from([0x7b, 0xe9, 0x7d]), [['X-Team', 'blue']]);
    await waitFor(() => expect(requestItems()).toHaveLength(1));
    const path = join(tempDir(), 'inbox.json');
    dialogAnswers.save = path;
    await user.click(button('Save requests'));
    await screen.findByText(`Saved 1 request to ${path}`);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as {
      requests: { path: string; bodyBase64: string }[];
    };
    expect(saved.requests.map((r) => r.path)).toEqual(['/kept']);
    expect(Buffer.from(saved.requests[0]?.bodyBase64 ?? '', 'base64')).toEqual(
      Buffer.from([0x7b, 0xe9, 0x7d]),
    );
    dialogAnswers.save = null;
  });

  it('the list is one tab stop: arrow keys, Home and End choose the request shown', async () => {
    const { user } = await openApp();
    await openInbox(user);
    const address = await startReceiving(user);
    for (const path of ['/one', '/two', '/three']) await post(`${address}${path}`, path);
    await waitFor(() => expect(requestItems()).toHaveLength(3));

    requestList().focus();
    const shown = () => screen.getByRole('article').getAttribute('aria-label');
    await user.keyboard('{ArrowDown}');
    expect(shown()).toBe('Request: POST /three');
    await user.keyboard('{ArrowUp}');
    expect(shown()).toBe('Request: POST /two');
    await user.keyboard('{Home}');
    expect(shown()).toBe('Request: POST /one');
    expect(requestList()).toHaveAttribute('aria-activedescendant', requestItems()[0]?.id);
    await user.keyboard('{End}');
    expect(shown()).toBe('Request: POST /three');
    expect(requestItems()[2]).toHaveAttribute('aria-selected', 'true');
  });

  it('an API in the sidebar goes back to its Webhooks page; the Inbox keeps what it received meanwhile', async () => {
    const { user, backend } = await openApp((b) => b.seedApi('Invoices', ['v4']));
    await backend.main.services.inbox.start({ port: await freePort(), exposeToNetwork: false });
    const address = backend.main.services.inbox.status().url as string;
    const apiButton = screen.getByRole('button', { name: /^Invoices/ });
    expect(apiButton).toHaveAttribute('aria-current', 'page');
    await openInbox(user);
    expect(apiButton).not.toHaveAttribute('aria-current');

    await user.click(apiButton);
    await screen.findByRole('heading', { name: 'Webhooks', level: 1 });
    expect(apiButton).toHaveAttribute('aria-current', 'page');
    expect(button('Receive webhooks')).not.toHaveAttribute('aria-current');

    await post(`${address}/while-away`, 'hello');
    await openInbox(user);
    // Opened on an Inbox that already listens: the fields say where.
    expect(screen.getByRole('textbox', { name: 'Receiving at' })).toHaveValue(address);
    expect(portField()).toHaveValue(Number(new URL(address).port));
    await waitFor(() => expect(requestItems()).toHaveLength(1));
    expect(requestItems()[0]).toHaveTextContent('/while-away');
  });
});

describe('the Inbox store', () => {
  const status: InboxStatus = {
    listening: true,
    url: 'http://127.0.0.1:4242',
    exposedToNetwork: false,
    response: { status: 200, delaySeconds: 0 },
    received: 0,
  };
  const request = (n: number): ReceivedRequest => ({
    id: `r${n}`,
    receivedAt: new Date(Date.UTC(2026, 10, 28, 12, 0, 0, n)).toISOString(),
    method: 'POST',
    path: `/${n}`,
    headers: [],
    bodyBase64: '',
    bodyBytes: 0,
    truncated: false,
    remoteAddress: '127.0.0.1',
    answeredStatus: 200,
  });

  it('keeps the last INBOX_LIMIT requests in arrival order, each once; the shown one goes when dropped', () => {
    const inbox = useInbox.getState();
    inbox.cleared(status);
    inbox.received(request(0));
    inbox.select('r0');
    for (let n = 0; n <= INBOX_LIMIT; n++) useInbox.getState().received(request(n));
    const { requests, selectedId } = useInbox.getState();
    expect(requests).toHaveLength(INBOX_LIMIT);
    expect(requests[0]?.id).toBe('r1');
    expect(requests.at(-1)?.id).toBe(`r${INBOX_LIMIT}`);
    expect(selectedId).toBeNull();
  });

  it('a list read from main keeps what the event brought meanwhile, after it, and drops what main no longer has', () => {
    const inbox = useInbox.getState();
    inbox.cleared(status);
    // r1 was shown on an earlier visit; main has since dropped it. r4 arrived while the list was on its way.
    inbox.received(request(1));
    inbox.loading();
    inbox.received(request(4));
    inbox.loaded(status, [request(2), request(3)]);
    expect(useInbox.getState().requests.map((r) => r.id)).toEqual(['r2', 'r3', 'r4']);
    expect(useInbox.getState().status).toBe('ready');
    // The same request from the list and the event counts once.
    useInbox.getState().received(request(3));
    expect(useInbox.getState().requests).toHaveLength(3);
  });
});

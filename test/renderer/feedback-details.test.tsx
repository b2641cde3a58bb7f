/**
 * Issue 10's feedback and the Deliveries region's splitter: at most 3 toasts, none repeating what the screen
 * shows; "Copy as curl" says whether it signed again; the regenerate confirmation names the webhook; shortened
 * API names have a tooltip; the splitter moves by keyboard and its size is remembered.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { useLayout } from '../../src/renderer/src/stores/layout';
import { toast } from '../../src/renderer/src/stores/toasts';
import { useUi } from '../../src/renderer/src/stores/ui';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';
import { startBackend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp } from './render-app';

afterEach(() => {
  localStorage.clear();
  useLayout.setState({ deliveriesHeight: null });
});

async function withOne(scheme: SignatureScheme = 'mindee', apiName = 'Invoices') {
  const receiver = closeAfterEach(await startReceiver());
  const url = `${receiver.url}/hooks`;
  const backend = await startBackend();
  const api = await backend.seedApi(apiName, ['v4', 'v3']);
  const webhook = await backend.seedWebhook(api, url, { scheme });
  const app = await renderApp(backend);
  return { ...app, backend, api, webhook, url, receiver };
}

type User = Awaited<ReturnType<typeof withOne>>['user'];

const moreActions = (url: string) => screen.getByRole('button', { name: 'More actions', description: url });
const region = () => screen.getByRole('region', { name: 'Deliveries' });
const toasts = () => screen.getByRole('region', { name: /Notifications/ });

async function choose(user: User, url: string, item: string) {
  await user.click(moreActions(url));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

/** Sends one test delivery from the row menu; the region opens on its record. */
async function sendOne(user: User, url: string) {
  await choose(user, url, 'Send test delivery');
  await waitFor(() => expect(within(region()).getAllByRole('listitem')).toHaveLength(1));
  await within(region()).findByRole('button', { name: 'Copy as curl' });
}

describe('Toasts', () => {
  it('shows at most 3 at once, the newest', async () => {
    await withOne();
    act(() => ['one', 'two', 'three', 'four', 'five'].forEach((title) => toast(title)));
    await waitFor(() => expect(within(toasts()).getAllByRole('listitem')).toHaveLength(3));
    expect(within(toasts()).queryByText('one')).toBeNull();
    expect(within(toasts()).queryByText('two')).toBeNull();
    expect(within(toasts()).getByText('five')).toBeInTheDocument();
  });

  it("do not repeat a delivery's outcome the open record shows", async () => {
    const { user, url } = await withOne();
    await sendOne(user, url);
    expect(within(region()).getAllByRole('listitem')[0]).toHaveTextContent('200');
    expect(within(toasts()).queryByText(/Test delivery/)).toBeNull();
  });
});

describe('Copy as curl', () => {
  it('says it signed again for a timestamped scheme', async () => {
    const { user, backend, url } = await withOne('standard-webhooks');
    await sendOne(user, url);
    await user.click(within(region()).getByRole('button', { name: 'Copy as curl' }));
    expect(
      await within(toasts()).findByText('Copied — signed again now; receivers accept it for about 5 minutes'),
    ).toBeInTheDocument();
    expect(backend.clipboardText()).toMatch(/^curl /);
  });

  it('says it is the request as sent for a scheme without a timestamp', async () => {
    const { user, url } = await withOne('mindee');
    await sendOne(user, url);
    await user.click(within(region()).getByRole('button', { name: 'Copy as curl' }));
    expect(
      await within(toasts()).findByText(/^Copied as curl — the request exactly as it was sent/),
    ).toBeInTheDocument();
    expect(within(toasts()).queryByText(/signed again/)).toBeNull();
  });
});

describe('Regenerate signing secret', () => {
  it('names the webhook (version and URL) in its confirmation', async () => {
    const { user, url } = await withOne();
    await choose(user, url, 'Regenerate signing secret');
    const confirm = await screen.findByRole('alertdialog', { name: 'Regenerate signing secret?' });
    expect(confirm).toHaveTextContent('v4');
    expect(confirm).toHaveTextContent(url);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
  });
});

describe('APIs sidebar', () => {
  it('gives a shortened API name its whole name as a tooltip', async () => {
    const name = 'Invoices and credit notes for the European marketplace';
    await withOne('mindee', name);
    const nav = screen.getByRole('navigation', { name: 'APIs' });
    expect(within(nav).getByText(name)).toHaveAttribute('title', name);
  });
});

describe('Deliveries splitter', () => {
  it('is a separator with aria-valuenow that the arrow keys move; the size is remembered', async () => {
    const { webhook } = await withOne();
    act(() => useUi.getState().selectWebhook(webhook.id));
    const splitter = within(await screen.findByRole('region', { name: 'Deliveries' })).getByRole(
      'separator',
      {
        name: 'Resize deliveries',
      },
    );
    await expectNoAxeViolations();
    const start = Number(splitter.getAttribute('aria-valuenow'));
    splitter.focus();
    act(() => splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true })));
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(start + 16);
    act(() => splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true })));
    act(() => splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(start + 16);
    expect(localStorage.getItem('hookwarden.deliveriesHeight')).toBe(String(start + 16));
    expect(region().style.flex).toBe(`0 1 ${start + 16}px`);
    act(() => splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true })));
    expect(splitter).toHaveAttribute('aria-valuenow', splitter.getAttribute('aria-valuemin'));
  });
});

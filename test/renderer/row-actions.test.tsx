import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackend, type Backend, type BackendOptions } from '../support/renderer-backend';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf } from './render-app';

const HTTPS = 'https://api.example.com/hooks';
const HTTP = 'http://localhost:8080/hooks';

async function listOfTwo(options: { backend?: BackendOptions; user?: Parameters<typeof renderApp>[1] } = {}) {
  const backend = await startBackend(options.backend);
  const api = await backend.seedApi('Invoices', ['v4', 'v3']);
  const https = await backend.seedWebhook(api, HTTPS);
  const http = await backend.seedWebhook(api, HTTP, { version: 'v3' });
  const app = await renderApp(backend, options.user);
  return { ...app, backend, api, https, http };
}

const button = (row: HTMLElement, name: string) => within(row).getByRole('button', { name });

/** The webhook's current secret as the keychain holds it. */
async function secretOf(backend: Backend, id: string): Promise<string> {
  const secret = await backend.secretOf(id);
  if (secret === null) throw new Error(`the keychain holds no secret for ${id}`);
  return secret;
}

/** The webhook as main holds it. */
async function mainHolds(backend: Backend, apiId: string, id: string) {
  return (await backend.main.ok('webhooks.list', { apiId })).find((webhook) => webhook.id === id);
}

afterEach(() => vi.useRealTimers());

describe('Reveal signing secret', () => {
  it('fetches the secret only on demand, shows it, and hides it again', async () => {
    const { user, backend, https } = await listOfTwo();
    const secret = await secretOf(backend, https.id);
    const row = rowOf(HTTPS);
    expect(backend.callsTo('secrets.reveal')).toEqual([]);
    await user.click(button(row, 'Reveal signing secret'));

    expect(await within(row).findByText(secret)).toBeInTheDocument();
    expect(backend.callsTo('secrets.reveal')).toEqual([{ id: https.id }]);
    expect(button(row, 'Hide signing secret')).toHaveFocus();
    // Only that row shows a secret.
    expect(rowOf(HTTP)).toHaveTextContent(/whsec_•+/);
    await expectNoAxeViolations();

    await user.click(button(row, 'Hide signing secret'));
    expect(within(row).queryByText(secret)).toBeNull();
    expect(row).toHaveTextContent(/whsec_•+/);
    expect(button(row, 'Reveal signing secret')).toBeInTheDocument();
  });

  it('hides a revealed secret after 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user, backend, https } = await listOfTwo({ user: { advanceTimers: vi.advanceTimersByTime } });
    const secret = await secretOf(backend, https.id);
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    await within(row).findByText(secret);

    act(() => vi.advanceTimersByTime(29_000));
    expect(within(row).getByText(secret)).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1_500));
    expect(within(row).queryByText(secret)).toBeNull();
    expect(button(row, 'Reveal signing secret')).toBeInTheDocument();
  });

  it('hides revealed secrets when the window loses focus or is hidden', async () => {
    const { user, backend, https, http } = await listOfTwo();
    const [httpsSecret, httpSecret] = [await secretOf(backend, https.id), await secretOf(backend, http.id)];
    await user.click(button(rowOf(HTTPS), 'Reveal signing secret'));
    await screen.findByText(httpsSecret);
    act(() => void window.dispatchEvent(new Event('blur')));
    expect(screen.queryByText(httpsSecret)).toBeNull();

    await user.click(button(rowOf(HTTP), 'Reveal signing secret'));
    await screen.findByText(httpSecret);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    visibility.mockRestore();
    expect(screen.queryByText(httpSecret)).toBeNull();
  });

  it('hides revealed secrets when the user switches to another API', async () => {
    const { user, backend, https } = await listOfTwo();
    const secret = await secretOf(backend, https.id);
    await backend.seedApi('Receipts', ['v1']);
    await user.click(button(rowOf(HTTPS), 'Reveal signing secret'));
    await screen.findByText(secret);
    // The sidebar learns of the new API on reload; select it.
    const { loadApis } = await import('../../src/renderer/src/features/apis/actions');
    await act(() => loadApis());
    await user.click(screen.getByRole('button', { name: /^Receipts/ }));
    expect(await screen.findByRole('heading', { name: 'No webhooks for Receipts yet' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Invoices/ }));
    await screen.findByRole('grid', { name: 'Webhooks' });
    expect(screen.queryByText(secret)).toBeNull();
    expect(rowOf(HTTPS)).toHaveTextContent(/whsec_•+/);
  });

  it('turns a missing secret into a warning with one-click "Regenerate signing secret"', async () => {
    const { user, backend, https } = await listOfTwo();
    await backend.removeSecret(https.id); // gone from the keychain behind the app's back
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    expect(await within(row).findByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      ),
    ).toBeInTheDocument();

    await user.click(button(row, 'Regenerate signing secret'));
    await waitFor(() =>
      expect(within(row).queryByText('Signing secret missing from the keychain.')).toBeNull(),
    );
    expect(await backend.secretOf(https.id)).toMatch(/^whsec_/);
    expect(backend.callsTo('webhooks.regenerateSecret')).toEqual([{ id: https.id }]);
    expect(
      await screen.findByText('New signing secret generated. Give it to the receiver.'),
    ).toBeInTheDocument();
  });

  it('shows a webhook flagged secretMissing by main with its warning from the start', async () => {
    const backend = await startBackend({ keychainCheck: false });
    const api = await backend.seedApi();
    const webhook = await backend.seedWebhook(api, HTTPS);
    await backend.removeSecret(webhook.id);
    await backend.main.services.keychain.startupCheck(); // as the app runs it once its window is up
    await renderApp(backend);
    const row = rowOf(HTTPS);
    expect(within(row).getByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(button(row, 'Regenerate signing secret')).toHaveAccessibleDescription(HTTPS);
    await expectNoAxeViolations();
  });
});

describe('Copy signing secret', () => {
  it('asks main to copy and says when the clipboard clears', async () => {
    const { user, backend, http } = await listOfTwo();
    const secret = await secretOf(backend, http.id);
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    expect(backend.clipboardText()).toBe(secret);
    expect(backend.callsTo('secrets.copy')).toEqual([{ id: http.id }]);
    // The renderer never received the secret.
    expect(backend.callsTo('secrets.reveal')).toEqual([]);
    expect(document.body.textContent).not.toContain(secret);
  });

  it('phrases the clearing time main returns', async () => {
    const { user } = await listOfTwo({ backend: { clipboardClearMs: 45_000 } });
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('Copied — the clipboard clears in 45 s')).toBeInTheDocument();
  });

  it('reports a keychain failure with a toast and the banner', async () => {
    const { user, backend } = await listOfTwo();
    backend.failKeychain(['get'], 'The keychain is locked.');
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('The system keychain is not available')).toBeInTheDocument();
    expect(screen.getAllByText('The keychain is locked.').length).toBeGreaterThanOrEqual(2); // banner + toast
    expect(screen.queryByText(/Copied/)).toBeNull();
    expect(backend.clipboardText()).toBe('');
  });
});

describe('More actions', () => {
  it('opens a menu with its actions, driven by the keyboard', async () => {
    const { user } = await listOfTwo();
    const trigger = button(rowOf(HTTPS), 'More actions');
    expect(trigger).toHaveAccessibleDescription(HTTPS);
    trigger.focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Send test delivery',
      'Check endpoint',
      'Check receiver security',
      'Receiver code',
      'Edit URL',
      'Edit details',
      'Change product version',
      'Change signature scheme',
      'Pause webhook',
      'Regenerate signing secret',
      'Roll signing secret',
      'Delete',
    ]);
    await expectNoAxeViolations();
    await waitFor(() =>
      expect(within(menu).getByRole('menuitem', { name: 'Send test delivery' })).toHaveFocus(),
    );
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Check endpoint' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(trigger).toHaveFocus();
  });

  async function choose(user: Awaited<ReturnType<typeof listOfTwo>>['user'], url: string, item: string) {
    await user.click(button(rowOf(url), 'More actions'));
    await user.click(await screen.findByRole('menuitem', { name: item }));
  }

  it('choosing a menu item does not also select the row (the menu is portalled, its clicks bubble in React)', async () => {
    const { user, backend, api, https } = await listOfTwo();
    await choose(user, HTTPS, 'Pause webhook');
    await waitFor(async () => expect((await mainHolds(backend, api.id, https.id))?.paused).toBe(true));
    expect(screen.queryByRole('region', { name: 'Deliveries' })).toBeNull();
  });

  it('Edit URL: prefilled, same rule, saved at once, row updated, focus back on the row menu', async () => {
    const { user, backend, api, https } = await listOfTwo();
    await choose(user, HTTPS, 'Edit URL');
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint URL' });
    const url = within(dialog).getByRole('textbox', { name: 'Endpoint URL' });
    expect(url).toHaveValue(HTTPS);
    await user.clear(url);
    await user.type(url, 'not a url');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(/must not contain spaces/)).toBeInTheDocument();
    expect(backend.callsTo('webhooks.updateUrl')).toEqual([]);

    await user.clear(url);
    await user.type(url, 'http://staging.example.com/hooks');
    expect(within(dialog).getByText(/Use HTTPS for anything but local testing/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(await mainHolds(backend, api.id, https.id)).toMatchObject({
      url: 'http://staging.example.com/hooks',
      insecure: true,
    });
    const row = rowOf('http://staging.example.com/hooks');
    expect(within(row).getByText('Insecure (HTTP)')).toBeInTheDocument();
    expect(button(row, 'More actions')).toHaveFocus();
    expect(bodyRows()).toHaveLength(2);
  });

  it('Edit URL: an error from main stays in the dialog with the typed URL', async () => {
    const { user, backend, api, https } = await listOfTwo();
    backend.failConfig('Could not save the configuration: ENOSPC: no space left on device');
    await choose(user, HTTPS, 'Edit URL');
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint URL' });
    const url = within(dialog).getByRole('textbox', { name: 'Endpoint URL' });
    await user.clear(url);
    await user.type(url, 'https://new.example.com/');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('ENOSPC');
    expect(url).toHaveValue('https://new.example.com/');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rowOf(HTTPS)).toBeInTheDocument();
    expect(await mainHolds(backend, api.id, https.id)).toMatchObject({ url: HTTPS });
  });

  it('Regenerate: warns that the old secret stops working, and a revealed secret updates', async () => {
    const { user, backend, https } = await listOfTwo();
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    const old = await secretOf(backend, https.id);
    await within(row).findByText(old);

    await choose(user, HTTPS, 'Regenerate signing secret');
    const dialog = await screen.findByRole('alertdialog', { name: 'Regenerate signing secret?' });
    expect(dialog).toHaveTextContent(/stops working immediately/);
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate secret' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    const fresh = await secretOf(backend, https.id);
    expect(fresh).not.toBe(old);
    expect(await within(rowOf(HTTPS)).findByText(fresh)).toBeInTheDocument();
    expect(screen.queryByText(old)).toBeNull();
    expect(button(rowOf(HTTPS), 'More actions')).toHaveFocus();
  });

  it('Regenerate: Cancel changes nothing; a keychain error shows in the dialog', async () => {
    const { user, backend, https } = await listOfTwo();
    const old = await secretOf(backend, https.id);
    await choose(user, HTTPS, 'Regenerate signing secret');
    let dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(backend.callsTo('webhooks.regenerateSecret')).toEqual([]);

    backend.failKeychain(['set'], 'The keychain is locked.');
    await choose(user, HTTPS, 'Regenerate signing secret');
    dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate secret' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The keychain is locked.');
    expect(backend.callsTo('webhooks.regenerateSecret')).toEqual([{ id: https.id }]);
    expect(await secretOf(backend, https.id)).toBe(old);
  });

  it('Delete: the confirmation names the URL; the row and its secret go', async () => {
    const { user, backend, api, https, http } = await listOfTwo();
    await choose(user, HTTPS, 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete webhook?' });
    expect(dialog).toHaveTextContent(HTTPS);
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bodyRows()).toHaveLength(1);
    expect(screen.queryByText(HTTPS)).toBeNull();
    expect(await backend.secretOf(https.id)).toBeNull();
    expect((await backend.main.ok('webhooks.list', { apiId: api.id })).map((w) => w.id)).toEqual([http.id]);
    expect(screen.getByRole('button', { name: 'Create a new webhook' })).toHaveFocus();
  });

  it('Delete: a failure keeps the row and says why', async () => {
    const { user, backend, api, https } = await listOfTwo();
    backend.failKeychain(['probe', 'delete'], 'The keychain is locked.');
    await choose(user, HTTPS, 'Delete');
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The keychain is locked.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bodyRows()).toHaveLength(2);
    expect(button(rowOf(HTTPS), 'More actions')).toHaveFocus();
    expect(await mainHolds(backend, api.id, https.id)).toMatchObject({ url: HTTPS });
    expect(await backend.secretOf(https.id)).toMatch(/^whsec_/);
  });
});

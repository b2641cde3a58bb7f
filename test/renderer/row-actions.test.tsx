import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf } from './render-app';

const HTTPS = 'https://api.example.com/hooks';
const HTTP = 'http://localhost:8080/hooks';

async function listOfTwo(options: Parameters<typeof renderApp>[1] = {}) {
  const fake = new FakeHookwarden();
  const api = fake.seedApi('Invoices', ['v4', 'v3']);
  const https = fake.seedWebhook(api.id, HTTPS);
  const http = fake.seedWebhook(api.id, HTTP, { version: 'v3' });
  const app = await renderApp(fake, options);
  return { ...app, fake, api, https, http };
}

const button = (row: HTMLElement, name: string) => within(row).getByRole('button', { name });
const secretOf = (fake: FakeHookwarden, id: string) => fake.secrets.get(id) ?? 'none';

afterEach(() => vi.useRealTimers());

describe('Reveal signing secret', () => {
  it('fetches the secret only on demand, shows it, and hides it again', async () => {
    const { user, fake, https } = await listOfTwo();
    const row = rowOf(HTTPS);
    expect(fake.callsTo('secrets.reveal')).toEqual([]);
    await user.click(button(row, 'Reveal signing secret'));

    expect(await within(row).findByText(secretOf(fake, https.id))).toBeInTheDocument();
    expect(fake.callsTo('secrets.reveal')).toEqual([{ id: https.id }]);
    expect(button(row, 'Hide signing secret')).toHaveFocus();
    // Only that row shows a secret.
    expect(rowOf(HTTP)).toHaveTextContent(/whsec_•+/);
    await expectNoAxeViolations();

    await user.click(button(row, 'Hide signing secret'));
    expect(within(row).queryByText(secretOf(fake, https.id))).toBeNull();
    expect(row).toHaveTextContent(/whsec_•+/);
    expect(button(row, 'Reveal signing secret')).toBeInTheDocument();
  });

  it('hides a revealed secret after 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user, fake, https } = await listOfTwo({ advanceTimers: vi.advanceTimersByTime });
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    await within(row).findByText(secretOf(fake, https.id));

    act(() => vi.advanceTimersByTime(29_000));
    expect(within(row).getByText(secretOf(fake, https.id))).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1_500));
    expect(within(row).queryByText(secretOf(fake, https.id))).toBeNull();
    expect(button(row, 'Reveal signing secret')).toBeInTheDocument();
  });

  it('hides revealed secrets when the window loses focus or is hidden', async () => {
    const { user, fake, https, http } = await listOfTwo();
    await user.click(button(rowOf(HTTPS), 'Reveal signing secret'));
    await screen.findByText(secretOf(fake, https.id));
    act(() => void window.dispatchEvent(new Event('blur')));
    expect(screen.queryByText(secretOf(fake, https.id))).toBeNull();

    await user.click(button(rowOf(HTTP), 'Reveal signing secret'));
    await screen.findByText(secretOf(fake, http.id));
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    visibility.mockRestore();
    expect(screen.queryByText(secretOf(fake, http.id))).toBeNull();
  });

  it('hides revealed secrets when the user switches to another API', async () => {
    const { user, fake, https } = await listOfTwo();
    fake.seedApi('Receipts', ['v1']);
    await user.click(button(rowOf(HTTPS), 'Reveal signing secret'));
    await screen.findByText(secretOf(fake, https.id));
    // The sidebar learns of the new API on reload; select it.
    const { useApis } = await import('../../src/renderer/src/stores/apis');
    await act(() => useApis.getState().load());
    await user.click(screen.getByRole('button', { name: /^Receipts/ }));
    expect(await screen.findByRole('heading', { name: 'No webhooks for Receipts yet' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Invoices/ }));
    await screen.findByRole('table', { name: 'Webhooks' });
    expect(screen.queryByText(secretOf(fake, https.id))).toBeNull();
    expect(rowOf(HTTPS)).toHaveTextContent(/whsec_•+/);
  });

  it('turns a missing secret into a warning with one-click "Regenerate signing secret"', async () => {
    const { user, fake, https } = await listOfTwo();
    fake.secrets.delete(https.id);
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    expect(await within(row).findByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(await screen.findByText(/The keychain has no signing secret/)).toBeInTheDocument();

    await user.click(button(row, 'Regenerate signing secret'));
    await waitFor(() =>
      expect(within(row).queryByText('Signing secret missing from the keychain.')).toBeNull(),
    );
    expect(fake.secrets.has(https.id)).toBe(true);
    expect(fake.callsTo('webhooks.regenerateSecret')).toEqual([{ id: https.id }]);
  });

  it('shows a webhook flagged secretMissing by main with its warning from the start', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi();
    fake.seedWebhook(api.id, HTTPS, { secret: null });
    await renderApp(fake);
    const row = rowOf(HTTPS);
    expect(within(row).getByText('Signing secret missing from the keychain.')).toBeInTheDocument();
    expect(button(row, 'Regenerate signing secret')).toHaveAccessibleDescription(HTTPS);
    await expectNoAxeViolations();
  });
});

describe('Copy signing secret', () => {
  it('asks main to copy and says when the clipboard clears', async () => {
    const { user, fake, http } = await listOfTwo();
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    expect(fake.clipboard).toBe(secretOf(fake, http.id));
    // The renderer never received the secret.
    expect(fake.callsTo('secrets.reveal')).toEqual([]);
    expect(document.body.textContent).not.toContain(secretOf(fake, http.id));
  });

  it('phrases the clearing time main returns', async () => {
    const { user, fake } = await listOfTwo();
    fake.clearsAfterMs = 45_000;
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('Copied — the clipboard clears in 45 s')).toBeInTheDocument();
  });

  it('reports a keychain failure with a toast and the banner', async () => {
    const { user, fake } = await listOfTwo();
    fake.failOn('secrets.copy', 'KEYCHAIN_UNAVAILABLE', 'The keychain is locked.');
    await user.click(button(rowOf(HTTP), 'Copy signing secret'));
    expect(await screen.findByText('The system keychain is not available')).toBeInTheDocument();
    expect(screen.getAllByText('The keychain is locked.').length).toBeGreaterThanOrEqual(2); // banner + toast
    expect(screen.queryByText(/Copied/)).toBeNull();
  });
});

describe('More actions', () => {
  it('opens a menu with its five actions, driven by the keyboard', async () => {
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
      'Edit URL',
      'Change signature scheme',
      'Regenerate signing secret',
      'Delete',
    ]);
    await expectNoAxeViolations();
    await waitFor(() =>
      expect(within(menu).getByRole('menuitem', { name: 'Send test delivery' })).toHaveFocus(),
    );
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Edit URL' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(trigger).toHaveFocus();
  });

  async function choose(user: Awaited<ReturnType<typeof listOfTwo>>['user'], url: string, item: string) {
    await user.click(button(rowOf(url), 'More actions'));
    await user.click(await screen.findByRole('menuitem', { name: item }));
  }

  it('Edit URL: prefilled, same rule, saved at once, row updated, focus back on the row menu', async () => {
    const { user, fake, https } = await listOfTwo();
    await choose(user, HTTPS, 'Edit URL');
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint URL' });
    const url = within(dialog).getByRole('textbox', { name: 'Endpoint URL' });
    expect(url).toHaveValue(HTTPS);
    await user.clear(url);
    await user.type(url, 'not a url');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(/must not contain spaces/)).toBeInTheDocument();
    expect(fake.callsTo('webhooks.updateUrl')).toEqual([]);

    await user.clear(url);
    await user.type(url, 'http://staging.example.com/hooks');
    expect(within(dialog).getByText(/Use HTTPS for anything but local testing/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(fake.webhooks.find((w) => w.id === https.id)?.url).toBe('http://staging.example.com/hooks');
    const row = rowOf('http://staging.example.com/hooks');
    expect(within(row).getByText('Insecure (HTTP)')).toBeInTheDocument();
    expect(button(row, 'More actions')).toHaveFocus();
    expect(bodyRows()).toHaveLength(2);
  });

  it('Edit URL: an error from main stays in the dialog with the typed URL', async () => {
    const { user, fake } = await listOfTwo();
    fake.failOn('webhooks.updateUrl', 'STORAGE_FAILED', 'Could not save the configuration: ENOSPC');
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
  });

  it('Regenerate: warns that the old secret stops working, and a revealed secret updates', async () => {
    const { user, fake, https } = await listOfTwo();
    const row = rowOf(HTTPS);
    await user.click(button(row, 'Reveal signing secret'));
    const old = secretOf(fake, https.id);
    await within(row).findByText(old);

    await choose(user, HTTPS, 'Regenerate signing secret');
    const dialog = await screen.findByRole('alertdialog', { name: 'Regenerate signing secret?' });
    expect(dialog).toHaveTextContent(/stops working immediately/);
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate secret' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    const fresh = secretOf(fake, https.id);
    expect(fresh).not.toBe(old);
    expect(await within(rowOf(HTTPS)).findByText(fresh)).toBeInTheDocument();
    expect(screen.queryByText(old)).toBeNull();
    expect(button(rowOf(HTTPS), 'More actions')).toHaveFocus();
  });

  it('Regenerate: Cancel changes nothing; a keychain error shows in the dialog', async () => {
    const { user, fake, https } = await listOfTwo();
    const old = secretOf(fake, https.id);
    await choose(user, HTTPS, 'Regenerate signing secret');
    let dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('webhooks.regenerateSecret')).toEqual([]);

    fake.failOn('webhooks.regenerateSecret', 'KEYCHAIN_UNAVAILABLE', 'The keychain is locked.');
    await choose(user, HTTPS, 'Regenerate signing secret');
    dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate secret' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The keychain is locked.');
    expect(secretOf(fake, https.id)).toBe(old);
  });

  it('Delete: the confirmation names the URL; the row and its secret go', async () => {
    const { user, fake, https } = await listOfTwo();
    await choose(user, HTTPS, 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete webhook?' });
    expect(dialog).toHaveTextContent(HTTPS);
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bodyRows()).toHaveLength(1);
    expect(screen.queryByText(HTTPS)).toBeNull();
    expect(fake.secrets.has(https.id)).toBe(false);
    expect(screen.getByRole('button', { name: 'Create a new webhook' })).toHaveFocus();
  });

  it('Delete: a failure keeps the row and says why', async () => {
    const { user, fake } = await listOfTwo();
    fake.failOn('webhooks.delete', 'KEYCHAIN_UNAVAILABLE', 'The keychain is locked.');
    await choose(user, HTTPS, 'Delete');
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The keychain is locked.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bodyRows()).toHaveLength(2);
    expect(button(rowOf(HTTPS), 'More actions')).toHaveFocus();
  });
});

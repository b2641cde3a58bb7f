import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../support/renderer-backend';
import { tempDir } from '../support/temp';
import { expectNoAxeViolations, renderApp } from './render-app';

const banner = () => screen.getByRole('alert', { name: 'The system keychain is not available' });

describe('keychain banner and startup notices', () => {
  it('shows the keychain banner from the keychain check, with the fix and "Try again"', async () => {
    const backend = await startBackend({ keychainCheck: false });
    await backend.seedApi();
    backend.failKeychain(['probe', 'list', 'get', 'set', 'delete'], 'No Secret Service answered on D-Bus.');
    await backend.main.services.keychain.startupCheck(); // as the app runs it once its window is up
    const { user } = await renderApp(backend);

    expect(banner()).toHaveTextContent('No Secret Service answered on D-Bus.');
    expect(banner()).toHaveTextContent(/Start or unlock it, then choose Try again/);
    await expectNoAxeViolations();

    await user.click(within(banner()).getByRole('button', { name: 'Try again' }));
    expect(await within(banner()).findByText('Still not available.')).toBeInTheDocument();
    expect(backend.callsTo('keychain.check')).toHaveLength(1);

    backend.heal();
    await user.click(within(banner()).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText('The system keychain is not available')).toBeNull());
    expect(await screen.findByText('The keychain is available again.')).toBeInTheDocument();
    expect(backend.callsTo('keychain.check')).toHaveLength(2);
    expect(await backend.main.ok('app.notices')).toEqual([]);
  });

  it('says when a corrupt configuration was moved aside, until dismissed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{"apis": [');
    const backend = await startBackend({ dir });
    const movedTo = backend.main.movedAsideTo ?? 'not moved';
    expect(movedTo).toMatch(/config\.corrupt-.*\.json$/);
    const { user } = await renderApp(backend);
    const notice = screen.getByRole('status', { name: '' });
    expect(notice).toHaveTextContent('Your configuration could not be read');
    expect(notice).toHaveTextContent(`It was moved to ${movedTo} and Hookwarden started empty.`);
    expect(screen.queryByText('The system keychain is not available')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Start by adding an API' })).toBeInTheDocument();
    await expectNoAxeViolations();
    await user.click(within(notice).getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(/config\.corrupt-/)).toBeNull();
  });

  it('shows an orphan-secrets notice that arrives with the app.noticesChanged event; "Remove them" removes them', async () => {
    const backend = await startBackend();
    await backend.seedApi();
    const { user } = await renderApp(backend);
    const message = '2 signing secrets in the keychain belong to no webhook of this profile.';
    expect(screen.queryByText(message)).toBeNull();

    // Items of this profile that no webhook uses, found by a later keychain check.
    const orphans = [randomUUID(), randomUUID()];
    for (const id of orphans) await backend.putSecret(id, `whsec_${'Q'.repeat(43)}=`);
    await act(() => backend.main.services.keychain.startupCheck());
    const notice = await screen.findByRole('status', { name: '' });
    expect(notice).toHaveTextContent('Signing secrets of no webhook');
    expect(notice).toHaveTextContent(message);
    expect(within(notice).getByRole('button', { name: 'Keep' })).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'Remove them' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove signing secrets of no webhook?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Removed 2 signing secrets from the keychain.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(message)).toBeNull());
    for (const id of orphans) expect(await backend.secretOf(id)).toBeNull();
  });

  it('shows why the webhooks could not load, and reloads them', async () => {
    const backend = await startBackend();
    await backend.seedApi('Invoices', ['v1']);
    const receipts = await backend.seedApi('Receipts', ['v1']);
    await backend.seedWebhook(receipts, 'https://api.example.com/hooks');
    const { user } = await renderApp(backend);

    backend.failConfig('Could not read config.json', { reads: true });
    await user.click(screen.getByRole('button', { name: /^Receipts/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not read config.json');
    expect(screen.queryByRole('grid', { name: 'Webhooks' })).toBeNull();

    backend.heal();
    await user.click(screen.getByRole('button', { name: 'Reload webhooks' }));
    expect(await screen.findByRole('grid', { name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.getByText('https://api.example.com/hooks')).toBeInTheDocument();
    expect(backend.callsTo('webhooks.list')).toEqual([
      { apiId: expect.any(String) },
      { apiId: receipts.id },
      { apiId: receipts.id },
    ]);
  });
});

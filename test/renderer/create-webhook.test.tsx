import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../support/renderer-backend';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf } from './render-app';

async function openCreate() {
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4', 'v3']);
  const app = await renderApp(backend);
  await app.user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create a new webhook' });
  return {
    ...app,
    backend,
    api,
    dialog,
    version: within(dialog).getByRole('combobox', { name: 'Product version' }),
    url: within(dialog).getByRole('textbox', { name: 'Endpoint URL' }),
    submit: within(dialog).getByRole('button', { name: 'Create new webhook' }),
  };
}

describe('Create a new webhook', () => {
  it('offers the API versions and an endpoint URL; the new row appears at once with a masked secret', async () => {
    const { user, backend, api, dialog, version, url, submit } = await openCreate();
    expect(
      within(version)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['v4', 'v3']);
    expect(version).toHaveValue('v4');
    expect(version).toHaveFocus();
    await expectNoAxeViolations();

    await user.selectOptions(version, 'v3');
    await user.type(url, 'https://api.example.com/hooks');
    await user.click(submit);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('webhooks.create')).toEqual([
      { apiId: api.id, version: 'v3', url: 'https://api.example.com/hooks', scheme: 'mindee' },
    ]);
    const [created] = await backend.main.ok('webhooks.list', { apiId: api.id });
    expect(created).toMatchObject({ version: 'v3', url: 'https://api.example.com/hooks', scheme: 'mindee' });
    expect(await backend.secretOf(created?.id ?? '')).toMatch(/^whsec_/);
    const row = rowOf('https://api.example.com/hooks');
    expect(within(row).getByText('v3')).toBeInTheDocument();
    expect(row).toHaveTextContent(/whsec_•+/);
    expect(within(row).getAllByText('just now')).toHaveLength(1); // the Updated column
    expect(dialog).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a new webhook' })).toHaveFocus();
    expect(await screen.findByText('Webhook created with a new signing secret')).toBeInTheDocument();
  });

  it('applies the shared URL rule inline and sends nothing to main while the URL is invalid', async () => {
    const { user, backend, dialog, url, submit } = await openCreate();
    await user.click(submit);
    expect(within(dialog).getByText('Enter the endpoint URL.')).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription('Enter the endpoint URL.');

    await user.type(url, 'api.example.com/hooks');
    expect(within(dialog).getByText(/This is not an absolute URL/)).toBeInTheDocument();
    await user.clear(url);
    await user.type(url, 'ftp://files.example.com');
    expect(within(dialog).getByText('The URL must start with https:// (or http://).')).toBeInTheDocument();
    await user.clear(url);
    await user.type(url, 'https://user:pw@example.com/');
    await user.click(submit);
    expect(within(dialog).getByText(/must not contain a user name or password/)).toBeInTheDocument();
    expect(url).toHaveFocus();
    expect(backend.callsTo('webhooks.create')).toEqual([]);
    await expectNoAxeViolations();
  });

  it('recommends HTTPS for an http: URL but creates it, flagged "Insecure (HTTP)"', async () => {
    const { user, dialog, url, submit } = await openCreate();
    await user.type(url, 'http://localhost:8080/hooks');
    expect(url).toHaveAccessibleDescription(/uses HTTP.*Use HTTPS/);
    expect(within(dialog).getByText(/Use HTTPS for anything but local testing/)).toBeVisible();
    await user.click(submit);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('http://localhost:8080/hooks')).getByText('Insecure (HTTP)')).toBeInTheDocument();
  });

  it('shows an error from main in the form, keeps what was typed, and raises the keychain banner', async () => {
    const { user, backend, api, dialog, version, url, submit } = await openCreate();
    backend.failKeychain(['set'], 'The system keychain did not answer (org.freedesktop.secrets).');
    await user.selectOptions(version, 'v3');
    await user.type(url, 'https://api.example.com/hooks');
    await user.click(submit);

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The system keychain did not answer (org.freedesktop.secrets).',
    );
    expect(url).toHaveValue('https://api.example.com/hooks');
    expect(version).toHaveValue('v3');
    expect(screen.getByText('The system keychain is not available')).toBeInTheDocument();
    expect(await backend.main.ok('webhooks.list', { apiId: api.id })).toEqual([]);

    backend.heal();
    await user.click(submit); // the keychain is back: the same input goes through
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodyRows()).toHaveLength(1);
    expect(await backend.main.ok('webhooks.list', { apiId: api.id })).toMatchObject([
      { version: 'v3', url: 'https://api.example.com/hooks' },
    ]);
  });

  it('shows a refusal for a version main no longer has', async () => {
    const { user, backend, api, dialog, version, url, submit } = await openCreate();
    // Changed in main since the form opened (as by another front door).
    await backend.main.ok('apis.update', { id: api.id, versions: ['v3'] });
    expect(version).toHaveValue('v4');
    await user.type(url, 'https://api.example.com/hooks');
    await user.click(submit);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Invoices has no product version "v4".',
    );
    expect(await backend.main.ok('webhooks.list', { apiId: api.id })).toEqual([]);
  });

  it('Escape closes the form without creating anything and returns focus to its button', async () => {
    const { user, backend, url } = await openCreate();
    await user.type(url, 'https://api.example.com/hooks');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('webhooks.create')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Create a new webhook' })).toHaveFocus();
  });

  it('keeps Tab inside the dialog', async () => {
    const { user, dialog } = await openCreate();
    for (let i = 0; i < 8; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});

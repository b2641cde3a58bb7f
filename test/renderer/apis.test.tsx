import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp } from './render-app';

const sidebar = () => screen.getByRole('navigation', { name: 'APIs' });

describe('APIs', () => {
  it('tells a first-time user to add an API, and has no accessibility violations', async () => {
    await renderApp(await startBackend());
    expect(screen.getByRole('heading', { name: 'Start by adding an API' })).toBeInTheDocument();
    expect(screen.getByText(/give it a name and its product versions/)).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Webhooks' })).toBeNull();
    await expectNoAxeViolations();
  });

  it('adds an API through the "Add API" dialog and shows its empty Webhooks page', async () => {
    const backend = await startBackend();
    const { user } = await renderApp(backend);
    await user.click(screen.getByRole('button', { name: 'Add API' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add API' });
    await user.type(within(dialog).getByRole('textbox', { name: 'API name' }), 'Invoices');
    await user.type(within(dialog).getByRole('textbox', { name: 'Product versions' }), 'v4, v3');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await backend.main.ok('apis.list')).toMatchObject([{ name: 'Invoices', versions: ['v4', 'v3'] }]);
    expect(within(sidebar()).getByRole('button', { name: /^Invoices/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'No webhooks for Invoices yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a new webhook' })).toBeInTheDocument();
    // Focus went back to the button that opened the dialog.
    expect(screen.getByRole('button', { name: 'Add API' })).toHaveFocus();
    await expectNoAxeViolations();
  });

  it('checks name and versions before calling main, and keeps the input when main refuses', async () => {
    const backend = await startBackend();
    await backend.seedApi('Invoices', ['v1']);
    const { user } = await renderApp(backend);
    await user.click(screen.getByRole('button', { name: 'Add API' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add API' });
    const versions = within(dialog).getByRole('textbox', { name: 'Product versions' });
    await user.type(versions, 'v4, v 4');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Give the API a name.')).toBeInTheDocument();
    expect(within(dialog).getByText(/A version label is letters, digits/)).toBeInTheDocument();
    expect(backend.callsTo('apis.create')).toEqual([]);

    await user.clear(versions);
    await user.type(versions, 'v4');
    await user.type(within(dialog).getByRole('textbox', { name: 'API name' }), 'invoices');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    // Main refuses a name that differs only in case.
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'An API named "invoices" already exists.',
    );
    expect(backend.callsTo('apis.create')).toEqual([{ name: 'invoices', versions: ['v4'] }]);
    expect(within(dialog).getByRole('textbox', { name: 'API name' })).toHaveValue('invoices');
    expect(versions).toHaveValue('v4');
    expect((await backend.main.ok('apis.list')).map((api) => api.name)).toEqual(['Invoices']);
  });

  it('renames an API and changes its versions; a refusal (version in use) shows in the form', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4', 'v3']);
    await backend.seedWebhook(api, 'https://api.example.com/hooks', { version: 'v3' });
    const { user } = await renderApp(backend);
    await user.click(screen.getByRole('button', { name: 'Actions for Invoices' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit API' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit API' });
    const name = within(dialog).getByRole('textbox', { name: 'API name' });
    const versions = within(dialog).getByRole('textbox', { name: 'Product versions' });
    expect(name).toHaveValue('Invoices');
    expect(versions).toHaveValue('v4, v3');

    // A webhook listens for v3: main keeps it.
    await user.clear(name);
    await user.type(name, 'Receipts');
    await user.clear(versions);
    await user.type(versions, 'v4, v5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Webhooks still listen for v3: /);
    expect(name).toHaveValue('Receipts');
    expect(versions).toHaveValue('v4, v5');
    expect(await backend.main.ok('apis.list')).toMatchObject([{ name: 'Invoices', versions: ['v4', 'v3'] }]);

    await user.clear(versions);
    await user.type(versions, 'v5, v3');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await backend.main.ok('apis.list')).toEqual([
      { id: api.id, name: 'Receipts', versions: ['v5', 'v3'], createdAt: api.createdAt },
    ]);
    expect(within(sidebar()).getByText('Receipts')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for Receipts' })).toHaveFocus();
  });

  it('deletes an API after a confirmation saying how many webhooks and secrets go with it', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4']);
    await backend.seedApi('Receipts', ['v1']);
    const a = await backend.seedWebhook(api, 'https://a.example.com/hooks');
    const b = await backend.seedWebhook(api, 'https://b.example.com/hooks');
    const { user } = await renderApp(backend);
    await user.click(screen.getByRole('button', { name: 'Actions for Invoices' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete API' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete API Invoices?' });
    expect(
      await within(dialog).findByText(/2 webhooks and 2 signing secrets in the keychain are deleted with it/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete API' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(backend.callsTo('apis.delete')).toEqual([{ id: api.id, cascade: true }]);
    expect((await backend.main.ok('apis.list')).map((other) => other.name)).toEqual(['Receipts']);
    expect(await backend.secretOf(a.id)).toBeNull();
    expect(await backend.secretOf(b.id)).toBeNull();
    expect(within(sidebar()).queryByText('Invoices')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'No webhooks for Receipts yet' })).toBeInTheDocument();
    expect(await screen.findByText('API Invoices deleted with 2 webhooks')).toBeInTheDocument();
  });

  it('shows why an API list could not load', async () => {
    const backend = await startBackend();
    backend.failConfig('Could not read config.json: EACCES', { reads: true });
    await renderApp(backend);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The APIs could not be loaded: Could not read config.json: EACCES',
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { expectNoAxeViolations, renderApp } from './render-app';

const sidebar = () => screen.getByRole('navigation', { name: 'APIs' });

describe('APIs', () => {
  it('tells a first-time user to add an API, and has no accessibility violations', async () => {
    await renderApp(new FakeHookwarden());
    expect(screen.getByRole('heading', { name: 'Start by adding an API' })).toBeInTheDocument();
    expect(screen.getByText(/give it a name and its product versions/)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Webhooks' })).toBeNull();
    await expectNoAxeViolations();
  });

  it('adds an API through the "Add API" dialog and shows its empty Webhooks page', async () => {
    const fake = new FakeHookwarden();
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('button', { name: 'Add API' }));
    const dialog = screen.getByRole('dialog', { name: 'Add API' });
    await user.type(within(dialog).getByRole('textbox', { name: 'API name' }), 'Invoices');
    await user.type(within(dialog).getByRole('textbox', { name: 'Product versions' }), 'v4, v3');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.apis).toMatchObject([{ name: 'Invoices', versions: ['v4', 'v3'] }]);
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
    const fake = new FakeHookwarden();
    fake.seedApi('Invoices', ['v1']);
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('button', { name: 'Add API' }));
    const dialog = screen.getByRole('dialog', { name: 'Add API' });
    const versions = within(dialog).getByRole('textbox', { name: 'Product versions' });
    await user.type(versions, 'v4, v 4');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Give the API a name.')).toBeInTheDocument();
    expect(within(dialog).getByText(/A version label is letters, digits/)).toBeInTheDocument();
    expect(fake.callsTo('apis.create')).toEqual([]);

    await user.clear(versions);
    await user.type(versions, 'v4');
    await user.type(within(dialog).getByRole('textbox', { name: 'API name' }), 'invoices');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'An API named "invoices" already exists.',
    );
    expect(within(dialog).getByRole('textbox', { name: 'API name' })).toHaveValue('invoices');
    expect(versions).toHaveValue('v4');
  });

  it('renames an API and changes its versions; a refusal (version in use) shows in the form', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi('Invoices', ['v4', 'v3']);
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('button', { name: 'Actions for Invoices' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit API' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit API' });
    const name = within(dialog).getByRole('textbox', { name: 'API name' });
    expect(name).toHaveValue('Invoices');
    expect(within(dialog).getByRole('textbox', { name: 'Product versions' })).toHaveValue('v4, v3');

    fake.failOn('apis.update', 'VERSION_IN_USE', 'Webhooks still listen for v3.', 1);
    await user.clear(name);
    await user.type(name, 'Receipts');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Webhooks still listen for v3.');
    expect(name).toHaveValue('Receipts');

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.apis[0]).toMatchObject({ id: api.id, name: 'Receipts' });
    expect(within(sidebar()).getByText('Receipts')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for Receipts' })).toHaveFocus();
  });

  it('deletes an API after a confirmation saying how many webhooks and secrets go with it', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi('Invoices', ['v4']);
    fake.seedApi('Receipts', ['v1']);
    fake.seedWebhook(api.id, 'https://a.example.com/hooks');
    fake.seedWebhook(api.id, 'https://b.example.com/hooks');
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('button', { name: 'Actions for Invoices' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete API' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete API Invoices?' });
    expect(
      await within(dialog).findByText(/2 webhooks and 2 signing secrets in the keychain are deleted with it/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete API' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.apis.map((a) => a.name)).toEqual(['Receipts']);
    expect(fake.secrets.size).toBe(0);
    expect(within(sidebar()).queryByText('Invoices')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'No webhooks for Receipts yet' })).toBeInTheDocument();
  });

  it('shows why an API list could not load', async () => {
    const fake = new FakeHookwarden();
    fake.failOn('apis.list', 'STORAGE_FAILED', 'Could not read config.json: EACCES');
    await renderApp(fake);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not read config.json: EACCES');
  });
});

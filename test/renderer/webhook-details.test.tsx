/**
 * Issue 10, the row menu's new actions and the create form's "Advanced" part: "Edit details" (URL, description,
 * custom headers), "Pause webhook" / "Resume webhook", "Change product version", a paused webhook's test
 * delivery, and a second webhook with the same version and URL. Each checks what main holds afterwards.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { accountOf } from '../../src/main/keychain/profile-secrets';
import { useUi } from '../../src/renderer/src/stores/ui';
import type { WebhookView } from '../../src/shared/domain';
import { startBackend, type Backend } from '../support/renderer-backend';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';
import { expectNoAxeViolations, renderApp } from './render-app';

const HTTPS = 'https://api.example.com/hooks';

async function withOne(url = HTTPS, before?: (backend: Backend, webhook: WebhookView) => Promise<unknown>) {
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4', 'v3', 'v2']);
  const webhook = await backend.seedWebhook(api, url);
  await before?.(backend, webhook);
  const app = await renderApp(backend);
  return { ...app, backend, api, webhook };
}

type User = Awaited<ReturnType<typeof withOne>>['user'];

/** The "More actions" button of the row showing `url`. */
const moreActions = (url: string) => screen.getByRole('button', { name: 'More actions', description: url });

async function choose(user: User, url: string, item: string) {
  await user.click(moreActions(url));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

async function mainHolds(backend: Backend, webhook: WebhookView): Promise<WebhookView> {
  const found = (await backend.main.ok('webhooks.list', { apiId: webhook.apiId })).find(
    (other) => other.id === webhook.id,
  );
  if (!found) throw new Error('main no longer holds the webhook');
  return found;
}

/** A secret header's value as the keychain holds it (null: none). */
const keychainHeader = (backend: Backend, webhookId: string, name: string) =>
  backend.main.vault.get(accountOf(backend.main.profileId, webhookId, `header:${name.toLowerCase()}`));

function headerRow(scope: HTMLElement, index: number) {
  const group = within(scope).getByRole('group', { name: `Header ${index}` });
  return {
    group,
    name: within(group).getByRole('textbox', { name: 'Header name' }),
    value: within(group).getByLabelText('Header value'),
    secret: within(group).getByRole('checkbox', { name: 'Secret value' }),
  };
}

async function addHeader(
  user: User,
  scope: HTMLElement,
  index: number,
  name: string,
  value: string,
  secret = false,
) {
  await user.click(within(scope).getByRole('button', { name: 'Add header' }));
  const row = headerRow(scope, index);
  await user.type(row.name, name);
  if (secret) await user.click(row.secret);
  await user.type(row.value, value);
  return row;
}

describe('Edit details', () => {
  it('saves URL, description and headers; a secret value goes to the keychain only', async () => {
    const { user, backend, webhook } = await withOne();
    await choose(user, HTTPS, 'Edit details');
    const dialog = await screen.findByRole('dialog', { name: 'Edit details' });
    const url = within(dialog).getByRole('textbox', { name: 'Endpoint URL' });
    expect(url).toHaveValue(HTTPS);
    await user.clear(url);
    await user.type(url, 'https://api.example.com/billing');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Production billing');
    await addHeader(user, dialog, 1, 'X-Team', 'billing');
    const token = await addHeader(user, dialog, 2, 'Authorization', 'Bearer s3cr3t-token', true);
    expect(token.value).toHaveAttribute('type', 'password');
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(await mainHolds(backend, webhook)).toMatchObject({
      url: 'https://api.example.com/billing',
      description: 'Production billing',
      headers: [
        { name: 'X-Team', secret: false, value: 'billing' },
        { name: 'Authorization', secret: true, value: null },
      ],
    });
    expect(await keychainHeader(backend, webhook.id, 'Authorization')).toBe('Bearer s3cr3t-token');
    expect(readFileSync(join(backend.main.dir, 'config.json'), 'utf8')).not.toContain('s3cr3t');
  });

  it('never shows a stored secret value; left empty it keeps it, typed it replaces it', async () => {
    const { user, backend, webhook } = await withOne(HTTPS, (main, seeded) =>
      main.main.ok('webhooks.setHeaders', {
        id: seeded.id,
        headers: [{ name: 'Authorization', secret: true, value: 'Bearer first' }],
      }),
    );
    await choose(user, HTTPS, 'Edit details');
    let dialog = await screen.findByRole('dialog', { name: 'Edit details' });
    const row = headerRow(dialog, 1);
    expect(row.name).toHaveValue('Authorization');
    expect(row.secret).toBeChecked();
    expect(row.value).toHaveValue('');
    expect(document.body.textContent).not.toContain('Bearer first');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'kept');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await keychainHeader(backend, webhook.id, 'Authorization')).toBe('Bearer first');

    await choose(user, HTTPS, 'Edit details');
    dialog = await screen.findByRole('dialog', { name: 'Edit details' });
    await user.type(headerRow(dialog, 1).value, 'Bearer second');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await keychainHeader(backend, webhook.id, 'Authorization')).toBe('Bearer second');
    expect((await mainHolds(backend, webhook)).headers).toEqual([
      { name: 'Authorization', secret: true, value: null },
    ]);
  });

  it("shows main's refusal of a header next to the form and keeps what was typed", async () => {
    const { user, backend, webhook } = await withOne();
    await choose(user, HTTPS, 'Edit details');
    const dialog = await screen.findByRole('dialog', { name: 'Edit details' });
    await addHeader(user, dialog, 1, 'Content-Type', 'text/plain');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/sets this header itself/);
    expect(headerRow(dialog, 1).name).toHaveValue('Content-Type');
    expect((await mainHolds(backend, webhook)).headers ?? []).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Remove header 1' }));
    expect(within(dialog).queryByRole('group', { name: 'Header 1' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps "Edit URL" working', async () => {
    const { user, backend, webhook } = await withOne();
    await choose(user, HTTPS, 'Edit URL');
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint URL' });
    const url = within(dialog).getByRole('textbox', { name: 'Endpoint URL' });
    await user.clear(url);
    await user.type(url, 'https://api.example.com/v2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await mainHolds(backend, webhook)).url).toBe('https://api.example.com/v2');
  });
});

describe('Pause webhook / Resume webhook', () => {
  it('pauses and resumes in main; the menu offers the other one', async () => {
    const { user, backend, webhook } = await withOne();
    await choose(user, HTTPS, 'Pause webhook');
    await waitFor(async () => expect((await mainHolds(backend, webhook)).paused).toBe(true));
    await user.click(moreActions(HTTPS));
    expect(await screen.findByRole('menuitem', { name: 'Resume webhook' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Pause webhook' })).toBeNull();
    await user.click(screen.getByRole('menuitem', { name: 'Resume webhook' }));
    await waitFor(async () => expect((await mainHolds(backend, webhook)).paused).toBe(false));
  });

  it('a test delivery to a paused webhook asks first; Cancel sends nothing, "Send anyway" sends', async () => {
    const endpoint = closeAfterEach(await startReceiver());
    const url = `${endpoint.url}/hooks`;
    const { user, backend, webhook } = await withOne(url, (main, seeded) =>
      main.main.ok('webhooks.setPaused', { id: seeded.id, paused: true }),
    );

    await choose(user, url, 'Send test delivery');
    let confirm = await screen.findByRole('alertdialog', { name: 'This webhook is paused. Send anyway?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(backend.callsTo('deliveries.send')).toEqual([]);
    expect(endpoint.received).toHaveLength(0);

    await choose(user, url, 'Send test delivery');
    confirm = await screen.findByRole('alertdialog', { name: 'This webhook is paused. Send anyway?' });
    await user.click(within(confirm).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(backend.callsTo('deliveries.send')).toEqual([{ webhookId: webhook.id }]));
    await waitFor(() => expect(endpoint.received).toHaveLength(1));
    expect((await mainHolds(backend, webhook)).paused).toBe(true);
  });
});

describe('Send test delivery in the Deliveries region of a paused webhook', () => {
  it('asks first too', async () => {
    const endpoint = closeAfterEach(await startReceiver());
    const url = `${endpoint.url}/hooks`;
    const { user, backend, webhook } = await withOne(url, (main, seeded) =>
      main.main.ok('webhooks.setPaused', { id: seeded.id, paused: true }),
    );
    act(() => useUi.getState().selectWebhook(webhook.id));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    await user.click(within(region).getByRole('button', { name: 'Send test delivery' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'This webhook is paused. Send anyway?' });
    expect(backend.callsTo('deliveries.send')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(endpoint.received).toHaveLength(1));
  });

  it('a redelivery asks first too, and "Send anyway" redelivers that record', async () => {
    const endpoint = closeAfterEach(await startReceiver());
    const url = `${endpoint.url}/hooks`;
    let firstId = '';
    const { user, backend, webhook } = await withOne(url, async (main, seeded) => {
      firstId = (await main.main.ok('deliveries.send', { webhookId: seeded.id })).id;
      await main.main.ok('webhooks.setPaused', { id: seeded.id, paused: true });
    });
    act(() => useUi.getState().selectWebhook(webhook.id));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    await user.click(
      within((await within(region).findAllByRole('listitem'))[0] as HTMLElement).getByRole('button'),
    );
    await user.click(await within(region).findByRole('button', { name: 'Redeliver' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'This webhook is paused. Send anyway?' });
    expect(confirm).toHaveTextContent('The redelivery goes to');
    expect(backend.callsTo('deliveries.redeliver')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(backend.callsTo('deliveries.redeliver')).toEqual([{ deliveryId: firstId }]));
    await waitFor(() => expect(endpoint.received).toHaveLength(2));
    expect(endpoint.received[1]?.body).toBe(endpoint.received[0]?.body);
  });
});

describe('Change product version', () => {
  it('offers every version of its API and moves the webhook in main', async () => {
    const { user, backend, webhook } = await withOne();
    await choose(user, HTTPS, 'Change product version');
    const dialog = await screen.findByRole('dialog', { name: 'Change product version' });
    const select = within(dialog).getByRole('combobox', { name: 'Product version' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(['v4', 'v3', 'v2']);
    expect(select).toHaveValue('v4');
    await expectNoAxeViolations();
    await user.selectOptions(select, 'v2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await mainHolds(backend, webhook)).version).toBe('v2');
  });
});

describe('Create a new webhook: Advanced', () => {
  async function openCreate(seed?: string) {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4', 'v3']);
    if (seed) await backend.seedWebhook(api, seed);
    const app = await renderApp(backend);
    await app.user.click(screen.getByRole('button', { name: 'Create a new webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a new webhook' });
    return { ...app, backend, api, dialog };
  }

  it('keeps two visible fields; Advanced holds the description and custom headers', async () => {
    const { user, backend, api, dialog } = await openCreate();
    expect(within(dialog).getAllByRole('textbox')).toHaveLength(1);
    expect(within(dialog).getAllByRole('combobox')).toHaveLength(1);
    expect(within(dialog).queryByRole('textbox', { name: 'Description' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Advanced' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Endpoint URL' }), HTTPS);
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Staging');
    await addHeader(user, dialog, 1, 'X-Env', 'staging');
    await addHeader(user, dialog, 2, 'Authorization', 'Bearer create-secret', true);
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Create new webhook' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const [created] = await backend.main.ok('webhooks.list', { apiId: api.id });
    expect(created).toMatchObject({
      url: HTTPS,
      description: 'Staging',
      headers: [
        { name: 'X-Env', secret: false, value: 'staging' },
        { name: 'Authorization', secret: true, value: null },
      ],
    });
    expect(await keychainHeader(backend, created?.id ?? '', 'Authorization')).toBe('Bearer create-secret');
  });

  it('refuses a bad header before anything is created', async () => {
    const { user, backend, api, dialog } = await openCreate();
    await user.type(within(dialog).getByRole('textbox', { name: 'Endpoint URL' }), HTTPS);
    await user.click(within(dialog).getByRole('button', { name: 'Advanced' }));
    await addHeader(user, dialog, 1, 'Bad Name', 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Create new webhook' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/header name/);
    expect(backend.callsTo('webhooks.create')).toEqual([]);
    expect(await backend.main.ok('webhooks.list', { apiId: api.id })).toEqual([]);
  });

  it('warns before a second webhook with the same version and URL is created', async () => {
    const { user, backend, api, dialog } = await openCreate(HTTPS);
    await user.type(within(dialog).getByRole('textbox', { name: 'Endpoint URL' }), HTTPS);
    await user.click(within(dialog).getByRole('button', { name: 'Create new webhook' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      `A webhook for v4 already sends to ${HTTPS}`,
    );
    expect(backend.callsTo('webhooks.create')).toEqual([]);

    // Another version: no warning.
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Product version' }), 'v3');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Product version' }), 'v4');
    await user.click(within(dialog).getByRole('button', { name: 'Create anyway' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await backend.main.ok('webhooks.list', { apiId: api.id })).toHaveLength(2);
  });
});

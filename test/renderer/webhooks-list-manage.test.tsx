/**
 * The Webhooks list's management: search, filters, sort and count; the description, "Paused" badge and
 * last-delivery chip on each row (live on deliveries.changed); the grid's keys and the window's shortcuts.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { startReceiver } from '../support/receiver';
import { startBackend } from '../support/renderer-backend';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf, table } from './render-app';

const urls = () => bodyRows().map((row) => row.querySelector('[data-url-text]')?.getAttribute('title'));

async function seeded() {
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4', 'v3']);
  const a = await backend.seedWebhook(api, 'https://hooks.acme.example/billing/invoices', {
    version: 'v4',
    at: new Date('2026-01-01T00:00:00Z'),
  });
  const b = await backend.seedWebhook(api, 'https://staging.example.com/events', {
    version: 'v3',
    scheme: 'stripe',
    at: new Date('2026-02-01T00:00:00Z'),
  });
  const c = await backend.seedWebhook(api, 'http://localhost:8080/hooks', {
    version: 'v4',
    scheme: 'github',
    at: new Date('2026-03-01T00:00:00Z'),
  });
  await backend.main.ok('webhooks.updateDetails', {
    id: b.id,
    url: b.url,
    description: 'Staging for the ACME team',
  });
  await backend.main.ok('webhooks.setPaused', { id: c.id, paused: true });
  backend.addDelivery(a, { sentAt: new Date(Date.now() - 2 * 60_000).toISOString() });
  backend.addDelivery(b, {
    response: null,
    error: { kind: 'timeout', message: 'No answer within 10 s' },
    outcome: 'failure',
  } as never);
  return { backend, api, a, b, c };
}

describe('the Webhooks list: search, filters, sort, count', () => {
  it('filters as you type on URL, description, version and scheme, and counts what it shows', async () => {
    const { backend } = await seeded();
    const { user } = await renderApp(backend);
    const search = screen.getByRole('searchbox', { name: 'Search webhooks' });
    expect(screen.getByText('3 webhooks')).toBeInTheDocument();

    await user.type(search, 'acme');
    // The URL of one, the description of another.
    expect(urls()).toEqual([
      'https://hooks.acme.example/billing/invoices',
      'https://staging.example.com/events',
    ]);
    expect(screen.getByText('2 of 3 webhooks')).toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'v3');
    expect(urls()).toEqual(['https://staging.example.com/events']);
    await user.clear(search);
    await user.type(search, 'github');
    expect(urls()).toEqual(['http://localhost:8080/hooks']);
    await user.clear(search);
    await user.type(search, 'STRIPE staging');
    expect(urls()).toEqual(['https://staging.example.com/events']);
    expect(screen.getByText('1 of 3 webhooks')).toBeInTheDocument();
    expect(table()).toHaveAttribute('aria-rowcount', '2');

    await user.clear(search);
    await user.type(search, 'nothing-like-this');
    expect(screen.queryByRole('grid', { name: 'Webhooks' })).toBeNull();
    expect(screen.getByText('0 of 3 webhooks')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(search).toHaveValue('');
    expect(bodyRows()).toHaveLength(3);
    await expectNoAxeViolations();
  });

  it('filters by product version, signature scheme and status, and sorts by version, URL, updated and last delivery', async () => {
    const { backend } = await seeded();
    const { user } = await renderApp(backend);
    const all = [
      'https://hooks.acme.example/billing/invoices',
      'https://staging.example.com/events',
      'http://localhost:8080/hooks',
    ];
    expect(urls()).toEqual(all);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Product version' }), 'v4');
    expect(urls()).toEqual([all[0], all[2]]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Signature scheme' }), 'GitHub');
    expect(urls()).toEqual([all[2]]);
    expect(screen.getByText('1 of 3 webhooks')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Product version' }), 'Any');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Signature scheme' }), 'Any');

    const status = screen.getByRole('combobox', { name: 'Status' });
    await user.selectOptions(status, 'Paused');
    expect(urls()).toEqual([all[2]]);
    await user.selectOptions(status, 'Active');
    expect(urls()).toEqual([all[0], all[1]]);
    await user.selectOptions(status, 'Last delivery failed');
    expect(urls()).toEqual([all[1]]);
    await user.selectOptions(status, 'Any');

    const sort = screen.getByRole('combobox', { name: 'Sort by' });
    await user.selectOptions(sort, 'URL');
    expect(urls()).toEqual([all[2], all[0], all[1]]);
    await user.click(screen.getByRole('button', { name: 'Sort descending' }));
    expect(urls()).toEqual([all[1], all[0], all[2]]);
    await user.click(screen.getByRole('button', { name: 'Sort descending' }));
    await user.selectOptions(sort, 'Version');
    expect(urls()).toEqual([all[1], all[0], all[2]]); // v3, then the two v4 in main's order
    await user.selectOptions(sort, 'Updated');
    // c was paused last and b's description set before: both updated after a.
    expect(urls()).toEqual([all[0], all[1], all[2]]);
    await user.selectOptions(sort, 'Last delivery');
    // Never delivered first, then a (2 min ago), then b (now).
    expect(urls()).toEqual([all[2], all[0], all[1]]);
  });
});

describe('the Webhooks list: what each row shows', () => {
  it('shows the description under the URL, a "Paused" badge, and the last-delivery chip (none before the first)', async () => {
    const { backend } = await seeded();
    await renderApp(backend);
    const a = rowOf('https://hooks.acme.example/billing/invoices');
    const b = rowOf('https://staging.example.com/events');
    const c = rowOf('http://localhost:8080/hooks');

    expect(within(b).getByText('Staging for the ACME team')).toBeInTheDocument();
    expect(within(c).getByText('Paused')).toBeInTheDocument();
    expect(within(a).queryByText('Paused')).toBeNull();

    expect(a.querySelector('[data-last-delivery]')).toHaveTextContent('200 · 2 min ago');
    expect(b.querySelector('[data-last-delivery]')).toHaveTextContent('Failed · Timeout');
    expect(c.querySelector('[data-last-delivery]')).toBeNull();

    // The full URL is the row's accessible description and the visible URL's tooltip.
    expect(a).toHaveAccessibleDescription('https://hooks.acme.example/billing/invoices');
    expect(a.querySelector('[data-url-text]')).toHaveAttribute(
      'title',
      'https://hooks.acme.example/billing/invoices',
    );
    expect(a.querySelector('[data-url-origin]')).toHaveTextContent('https://hooks.acme.example');
    expect(a.querySelector('[data-url-tail]')).toHaveTextContent('/invoices');

    // One "Updated" column, its exact time on hover.
    expect(screen.getByRole('columnheader', { name: 'Updated' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Created' })).toBeNull();
    expect(a.querySelector('[data-col="4"] time')).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
  });

  it('updates the chip live when a delivery is recorded (deliveries.changed), without opening the row', async () => {
    const { backend, c } = await seeded();
    const receiver = closeAfterEach(
      await startReceiver((_request, response) => response.writeHead(202).end()),
    );
    await backend.main.ok('webhooks.updateUrl', { id: c.id, url: receiver.url });
    await renderApp(backend);
    const row = rowOf(receiver.url);
    expect(row.querySelector('[data-last-delivery]')).toBeNull();

    await act(() => backend.main.ok('deliveries.send', { webhookId: c.id }));
    await waitFor(() =>
      expect(rowOf(receiver.url).querySelector('[data-last-delivery]')).toHaveTextContent('202 · just now'),
    );
    expect(screen.queryByRole('region', { name: /Deliveries/ })).toBeNull();
  });
});

describe('the Webhooks grid and the shortcuts', () => {
  it('moves between rows and cells with the arrow keys, Home and End; Enter opens the row', async () => {
    const { backend } = await seeded();
    const { user } = await renderApp(backend);
    const [first, second, third] = bodyRows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(first).toHaveAttribute('tabindex', '0');
    expect(second).toHaveAttribute('tabindex', '-1');

    first.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(second).toHaveFocus());
    await user.keyboard('{End}');
    await waitFor(() => expect(third).toHaveFocus());
    await user.keyboard('{Home}');
    await waitFor(() => expect(first).toHaveFocus());
    await user.keyboard('{ArrowRight}');
    const cells = within(first).getAllByRole('gridcell');
    await waitFor(() => expect(cells[0]).toHaveFocus());
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(cells[1]).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(within(second).getAllByRole('gridcell')[1]).toHaveFocus());
    await user.keyboard('{End}');
    await waitFor(() => expect(within(second).getByRole('button', { name: 'More actions' })).toHaveFocus());
    await user.keyboard('{Home}');
    await waitFor(() => expect(within(second).getAllByRole('gridcell')[0]).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(second).toHaveAttribute('aria-selected', 'true');
  });

  it('/ and Ctrl+F focus "Search webhooks", Ctrl+N opens "Create a new webhook", ? lists the shortcuts', async () => {
    const { backend } = await seeded();
    const { user } = await renderApp(backend);
    const search = screen.getByRole('searchbox', { name: 'Search webhooks' });

    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
    await user.keyboard('v3');
    expect(search).toHaveValue('v3'); // typed into the field, not taken as a shortcut
    search.blur();
    await user.keyboard('{Control>}f{/Control}');
    expect(search).toHaveFocus();
    search.blur();

    await user.keyboard('{Control>}n{/Control}');
    const create = await screen.findByRole('dialog', { name: 'Create a new webhook' });
    expect(create).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getAllByText('Search webhooks').length).toBeGreaterThan(0);
    expect(within(help).getByText('Create a new webhook')).toBeInTheDocument();
    await expectNoAxeViolations();
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf, table } from './render-app';

describe('the Webhooks list', () => {
  it('shows one row per webhook with version, URL, an insecure badge for http, a masked secret and times', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi('Invoices', ['v4', 'v3']);
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    fake.seedWebhook(api.id, 'https://api.example.com/hooks', { version: 'v4', at: twoMinutesAgo });
    fake.seedWebhook(api.id, 'http://localhost:8080/hooks', { version: 'v3' });
    await renderApp(fake);

    expect(screen.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.getByText(/several active webhooks/)).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(2);
    expect(table()).toHaveAttribute('aria-rowcount', '3');

    const https = rowOf('https://api.example.com/hooks');
    expect(within(https).getByText('v4')).toBeInTheDocument();
    expect(within(https).queryByText('Insecure (HTTP)')).toBeNull();
    expect(within(https).getAllByText('2 min ago')[0]).toHaveAttribute('title');
    expect(within(https).getAllByText('2 min ago')[0]?.getAttribute('title')).toMatch(/\d{4}/);
    expect(https).toHaveTextContent(/whsec_•+/);
    for (const secret of fake.secrets.values()) expect(document.body.textContent).not.toContain(secret);

    const http = rowOf('http://localhost:8080/hooks');
    expect(within(http).getByText('Insecure (HTTP)')).toBeInTheDocument();
    expect(within(http).getByRole('button', { name: 'Reveal signing secret' })).toBeInTheDocument();
    expect(within(http).getByRole('button', { name: 'Copy signing secret' })).toBeInTheDocument();
    expect(within(http).getByRole('button', { name: 'More actions' })).toBeInTheDocument();

    // Listing never asks main for a secret.
    expect(fake.callsTo('secrets.reveal')).toEqual([]);
    await expectNoAxeViolations();
  });
});

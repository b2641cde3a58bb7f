import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../support/renderer-backend';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf, table } from './render-app';

describe('the Webhooks list', () => {
  it('shows one row per webhook with version, URL, an insecure badge for http, a masked secret and times', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4', 'v3']);
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    const https = await backend.seedWebhook(api, 'https://api.example.com/hooks', {
      version: 'v4',
      at: twoMinutesAgo,
    });
    const http = await backend.seedWebhook(api, 'http://localhost:8080/hooks', { version: 'v3' });
    await renderApp(backend);

    expect(screen.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.getByText(/several active webhooks/)).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(2);
    expect(table()).toHaveAttribute('aria-rowcount', '3');

    const httpsRow = rowOf('https://api.example.com/hooks');
    expect(within(httpsRow).getByText('v4')).toBeInTheDocument();
    expect(within(httpsRow).queryByText('Insecure (HTTP)')).toBeNull();
    expect(within(httpsRow).getAllByText('2 min ago')[0]).toHaveAttribute('title');
    expect(within(httpsRow).getAllByText('2 min ago')[0]?.getAttribute('title')).toMatch(/\d{4}/);
    expect(httpsRow).toHaveTextContent(/whsec_•+/);
    for (const webhook of [https, http]) {
      const secret = await backend.secretOf(webhook.id);
      expect(secret).toMatch(/^whsec_/);
      expect(document.body.textContent).not.toContain(secret);
    }

    const httpRow = rowOf('http://localhost:8080/hooks');
    expect(within(httpRow).getByText('Insecure (HTTP)')).toBeInTheDocument();
    expect(within(httpRow).getByRole('button', { name: 'Reveal signing secret' })).toBeInTheDocument();
    expect(within(httpRow).getByRole('button', { name: 'Copy signing secret' })).toBeInTheDocument();
    expect(within(httpRow).getByRole('button', { name: 'More actions' })).toBeInTheDocument();

    // Listing never asks main for a secret.
    expect(backend.callsTo('secrets.reveal')).toEqual([]);
    expect(backend.callsTo('webhooks.list')).toEqual([{ apiId: api.id }]);
    await expectNoAxeViolations();
  });
});

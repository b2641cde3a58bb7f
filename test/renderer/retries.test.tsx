/**
 * "Send with retries" in the renderer (issue 13), against the real main core and a real receiver on 127.0.0.1:
 * the schedules and time scales offered, each attempt's real offset, a run's progress per attempt from its
 * records, Stop, the end at a 2xx, and the attempts' place in the Deliveries log.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { header, startReceiver } from '../support/receiver';
import { startBackend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

/** A Standard Webhooks webhook whose receiver answers `statuses` in turn (the last one from then on). */
async function oneWebhook(statuses: number[]) {
  let count = 0;
  const receiver = closeAfterEach(
    await startReceiver((_request, response) => {
      const status = statuses[Math.min(count++, statuses.length - 1)] ?? 500;
      response.writeHead(status).end();
    }),
  );
  const url = `${receiver.url}/hooks`;
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4']);
  const webhook = await backend.seedWebhook(api, url, { scheme: 'standard-webhooks' });
  const app = await renderApp(backend);
  await app.user.click(rowOf(url));
  const region = await screen.findByRole('region', { name: 'Deliveries' });
  await app.user.click(within(region).getByRole('button', { name: 'Send with retries' }));
  const dialog = await screen.findByRole('dialog', { name: 'Send with retries' });
  return { ...app, backend, webhook, receiver, url, region, dialog };
}

const texts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('Send with retries', () => {
  it('offers the providers’ schedules and time scales, with each attempt’s real offset', async () => {
    const { user, dialog, backend } = await oneWebhook([500]);
    const schedule = within(dialog).getByRole('combobox', { name: 'Retry schedule' });
    const scale = within(dialog).getByRole('combobox', { name: 'Time scale' });
    expect(
      within(schedule)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Svix', 'Standard Webhooks example', 'Shopify', 'GitHub', 'Custom (e.g. Stripe)']);
    expect(
      within(scale)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Real time', '1 s per minute', '1 s per hour', '1 s per day']);
    expect(scale).toHaveValue('hour');
    const planned = within(dialog).getByRole('list', { name: 'Planned attempts' });
    expect(texts(planned)).toEqual([
      'Attempt 1 of 8 · immediatelyat once',
      'Attempt 2 of 8 · +5 safter < 0.01 s',
      'Attempt 3 of 8 · +5 min 5 safter 0.08 s',
      'Attempt 4 of 8 · +35 min 5 safter 0.58 s',
      'Attempt 5 of 8 · +2 h 35 minafter 2.6 s',
      'Attempt 6 of 8 · +7 h 35 minafter 7.6 s',
      'Attempt 7 of 8 · +17 h 35 minafter 18 s',
      'Attempt 8 of 8 · +1 d 3 hafter 28 s',
    ]);
    expect(dialog).toHaveTextContent(/quitting or restarting it ends the run/);
    await expectNoAxeViolations();

    await user.selectOptions(schedule, 'Standard Webhooks example');
    expect(within(planned).getAllByRole('listitem')).toHaveLength(10);
    await user.selectOptions(schedule, 'GitHub');
    expect(texts(planned)).toEqual(['Attempt 1 of 1 · immediatelyat once']);
    expect(schedule).toHaveAccessibleDescription(/GitHub does not retry failed deliveries automatically/);
    await user.selectOptions(schedule, 'Shopify');
    expect(within(planned).getAllByRole('listitem')).toHaveLength(9);

    await user.selectOptions(schedule, 'Custom (e.g. Stripe)');
    expect(dialog).toHaveTextContent('Stripe retries for up to 3 days; its intervals are not published.');
    const delays = within(dialog).getByRole('textbox', { name: 'Delays between attempts' });
    await user.clear(delays);
    await user.type(delays, '30s, 2m, 1h, 4d');
    await user.tab();
    expect(delays).toHaveAccessibleDescription('A delay is at most 3 days.');
    await user.click(within(dialog).getByRole('button', { name: 'Start retries' }));
    expect(backend.callsTo('retries.start')).toEqual([]);
    await user.clear(delays);
    await user.type(delays, '30s, 2m, 1h');
    expect(texts(planned)).toEqual([
      'Attempt 1 of 4 · immediatelyat once',
      'Attempt 2 of 4 · +30 safter < 0.01 s',
      'Attempt 3 of 4 · +2 min 30 safter 0.04 s',
      'Attempt 4 of 4 · +1 h 2 minafter 1 s',
    ]);
  });

  it('runs a custom schedule compressed: every attempt shown with its answer, the same message id each time', async () => {
    const { user, dialog, backend, webhook, receiver, region } = await oneWebhook([503]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Retry schedule' }), 'custom');
    const delays = within(dialog).getByRole('textbox', { name: 'Delays between attempts' });
    await user.clear(delays);
    await user.type(delays, '1m, 5m, 1h');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Time scale' }), '1 s per day');
    await user.click(within(dialog).getByRole('button', { name: 'Start retries' }));
    expect(backend.callsTo('retries.start')).toEqual([
      { webhookId: webhook.id, schedule: { delays: [60, 300, 3600] }, timeScale: 'day' },
    ]);

    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(/All 4 attempts failed/),
    );
    const attempts = within(dialog).getByRole('list', { name: 'Attempts' });
    await waitFor(() =>
      expect(texts(attempts)).toEqual([
        'Attempt 1 of 4 · immediately503',
        'Attempt 2 of 4 · +1 min503',
        'Attempt 3 of 4 · +6 min503',
        'Attempt 4 of 4 · +1 h 6 min503',
      ]),
    );
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((request) => header(request, 'webhook-id'))).size).toBe(1);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    expect(within(dialog).queryByRole('button', { name: 'Stop' })).toBeNull();
    await expectNoAxeViolations();

    // The log: each attempt with its place in the run.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(4));
    const log = within(region).getByRole('list', { name: 'Delivery records, newest first' });
    for (const position of ['Attempt 1 of 4 · immediately', 'Attempt 4 of 4 · +1 h 6 min'])
      expect(log).toHaveTextContent(position);
    // "New run" goes back to the form.
    await user.click(within(region).getByRole('button', { name: 'Send with retries' }));
    const again = await screen.findByRole('dialog', { name: 'Send with retries' });
    expect(within(again).getByRole('status')).toHaveTextContent(/All 4 attempts failed/);
    await user.click(within(again).getByRole('button', { name: 'New run' }));
    expect(within(again).getByRole('button', { name: 'Start retries' })).toBeInTheDocument();
  });

  it('stops at the first 2xx', async () => {
    const { user, dialog, receiver } = await oneWebhook([500, 500, 200]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Time scale' }), '1 s per day');
    await user.click(within(dialog).getByRole('button', { name: 'Start retries' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(/Succeeded: attempt 3 of 8 was accepted/),
    );
    const attempts = within(dialog).getByRole('list', { name: 'Attempts' });
    await waitFor(() =>
      expect(texts(attempts).slice(0, 4)).toEqual([
        'Attempt 1 of 8 · immediately500',
        'Attempt 2 of 8 · +5 s500',
        'Attempt 3 of 8 · +5 min 5 s200',
        'Attempt 4 of 8 · +35 min 5 sNot sent',
      ]),
    );
    expect(receiver.received).toHaveLength(3);
  });

  it('"Stop" ends a run at once; the run is read again when the region opens', async () => {
    const { user, dialog, receiver, backend, webhook, region, url } = await oneWebhook([500]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Time scale' }), 'Real time');
    await user.click(within(dialog).getByRole('button', { name: 'Start retries' }));
    const attempts = await within(dialog).findByRole('list', { name: 'Attempts' });
    await waitFor(() => expect(texts(attempts)[0]).toBe('Attempt 1 of 8 · immediately500'));
    expect(texts(attempts)[1]).toBe('Attempt 2 of 8 · +5 sNext');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Running: 1 of 8 attempts sent.');
    // The region's button says a run is going on (behind the dialog, so hidden from the tree for now).
    const trigger = within(region).getByRole('button', { name: 'Send with retries', hidden: true });
    expect(trigger).toHaveAccessibleDescription('Send with retries — Running: 1 of 8 attempts sent.');
    expect(trigger).toHaveAttribute('data-running');
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent('Stopped after 1 of 8 attempts.'),
    );
    expect(texts(attempts)[1]).toBe('Attempt 2 of 8 · +5 sNot sent');
    expect(trigger).not.toHaveAttribute('data-running');
    expect(backend.callsTo('retries.stop')).toEqual([{ webhookId: webhook.id }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);

    // Closed and opened again, the region asks main for the webhook's run.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('retries.get')).toHaveLength(1);
    await user.click(within(region).getByRole('button', { name: 'Close deliveries' }));
    await user.click(rowOf(url));
    const reopened = await screen.findByRole('region', { name: 'Deliveries' });
    await waitFor(() => expect(backend.callsTo('retries.get')).toHaveLength(2));
    await user.click(within(reopened).getByRole('button', { name: 'Send with retries' }));
    const again = await screen.findByRole('dialog', { name: 'Send with retries' });
    expect(within(again).getByRole('status')).toHaveTextContent('Stopped after 1 of 8 attempts.');
  });

  it('a run that ends while its dialog is closed says so in a toast', async () => {
    const { user, dialog } = await oneWebhook([500]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Retry schedule' }), 'custom');
    const delays = within(dialog).getByRole('textbox', { name: 'Delays between attempts' });
    await user.clear(delays);
    await user.type(delays, '1s');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Time scale' }), 'Real time');
    await user.click(within(dialog).getByRole('button', { name: 'Start retries' }));
    await within(dialog).findByRole('button', { name: 'Stop' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const toasts = screen.getByRole('region', { name: /Notifications/ });
    expect(
      await within(toasts).findByText(
        'Custom retries: All 2 attempts failed: the provider would give up here.',
        {},
        { timeout: 4000 },
      ),
    ).toBeInTheDocument();
  });
});

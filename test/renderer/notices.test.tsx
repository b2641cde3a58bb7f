import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { expectNoAxeViolations, renderApp } from './render-app';

const banner = () => screen.getByRole('alert', { name: 'The system keychain is not available' });

describe('keychain banner and startup notices', () => {
  it('shows the keychain banner from a startup notice, with the fix and "Try again"', async () => {
    const fake = new FakeHookwarden();
    fake.seedApi();
    fake.notices = [{ kind: 'keychain-unavailable', message: 'No Secret Service answered on D-Bus.' }];
    fake.keychain = { available: false, message: 'No Secret Service answered on D-Bus.' };
    const { user } = await renderApp(fake);

    expect(banner()).toHaveTextContent('No Secret Service answered on D-Bus.');
    expect(banner()).toHaveTextContent(/Start or unlock it, then choose Try again/);
    await expectNoAxeViolations();

    await user.click(within(banner()).getByRole('button', { name: 'Try again' }));
    expect(await within(banner()).findByText('Still not available.')).toBeInTheDocument();
    expect(fake.callsTo('keychain.check')).toHaveLength(1);

    fake.keychain = { available: true };
    await user.click(within(banner()).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText('The system keychain is not available')).toBeNull());
    expect(await screen.findByText('The keychain is available again.')).toBeInTheDocument();
  });

  it('says when a corrupt configuration was moved aside, until dismissed', async () => {
    const fake = new FakeHookwarden();
    fake.notices = [
      {
        kind: 'config-moved-aside',
        message: 'Your configuration could not be read (bad JSON). It was moved to /tmp/config.corrupt.json.',
      },
    ];
    const { user } = await renderApp(fake);
    const notice = screen.getByRole('status', { name: '' });
    expect(notice).toHaveTextContent('Your configuration could not be read');
    expect(notice).toHaveTextContent('/tmp/config.corrupt.json');
    expect(screen.queryByText('The system keychain is not available')).toBeNull();
    await expectNoAxeViolations();
    await user.click(within(notice).getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(/config.corrupt.json/)).toBeNull();
  });

  it('shows an orphan-secrets notice that arrives with the app.noticesChanged event, with its actions', async () => {
    const fake = new FakeHookwarden();
    fake.seedApi();
    await renderApp(fake);
    const message = '2 signing secrets in the keychain belong to no webhook of this profile.';
    expect(screen.queryByText(message)).toBeNull();

    act(() => fake.emit('app.noticesChanged', { notices: [{ kind: 'orphan-secrets', message }] }));
    const notice = await screen.findByRole('status', { name: '' });
    expect(notice).toHaveTextContent('Signing secrets of no webhook');
    expect(notice).toHaveTextContent(message);
    expect(within(notice).getByRole('button', { name: 'Remove them' })).toBeInTheDocument();
    expect(within(notice).getByRole('button', { name: 'Keep' })).toBeInTheDocument();
  });

  it('shows why the webhooks could not load, and reloads them', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi();
    fake.seedWebhook(api.id, 'https://api.example.com/hooks');
    fake.failOn('webhooks.list', 'STORAGE_FAILED', 'Could not read config.json', 1);
    const { user } = await renderApp(fake);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not read config.json');
    await user.click(screen.getByRole('button', { name: 'Reload webhooks' }));
    expect(await screen.findByRole('table', { name: 'Webhooks' })).toBeInTheDocument();
  });
});

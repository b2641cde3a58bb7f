/**
 * Secret rotation in the renderer (issue 11), against the real main core and keychain: "Roll signing secret"
 * with an overlap for Standard Webhooks and Stripe, the guided rotation for Mindee and GitHub with test
 * deliveries to a real receiver on 127.0.0.1, the rotating row, "End overlap now", and an expiry main reports.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { startBackend, type Backend } from '../support/renderer-backend';
import { startRotatingReceiver } from '../support/rotating-receiver';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

const HTTPS = 'https://api.example.com/hooks';

type User = Awaited<ReturnType<typeof renderApp>>['user'];

const button = (scope: HTMLElement, name: string) => within(scope).getByRole('button', { name });

async function oneWebhook(scheme: SignatureScheme, url = HTTPS) {
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4']);
  const webhook = await backend.seedWebhook(api, url, { scheme });
  const app = await renderApp(backend);
  return { ...app, backend, api, webhook };
}

async function choose(user: User, url: string, item: string): Promise<void> {
  await user.click(button(rowOf(url), 'More actions'));
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

async function menuItems(user: User, url: string): Promise<string[]> {
  await user.click(button(rowOf(url), 'More actions'));
  const menu = await screen.findByRole('menu');
  const names = within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
  return names;
}

async function secretOf(backend: Backend, id: string, role: 'current' | 'previous' | 'next' = 'current') {
  return (await backend.main.ok('secrets.reveal', { id, role })).secret;
}

/** Waits until no dialog is open (the page behind one is hidden from the accessibility tree). */
const closed = () => waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

/** A webhook's row while a dialog hides it from the accessibility tree. */
const rowBehindDialog = (id: string) =>
  document.querySelector<HTMLElement>(`[data-webhook-row="${id}"]`) as HTMLElement;

const rotationOf = async (backend: Backend, apiId: string, id: string) =>
  (await backend.main.ok('webhooks.list', { apiId })).find((w) => w.id === id)?.rotation;

describe('Roll signing secret (Standard Webhooks, Stripe): a roll with an overlap', () => {
  it('asks how long the old secret stays valid (24 hours by default), rolls, and the row shows the overlap', async () => {
    const { user, backend, api, webhook } = await oneWebhook('standard-webhooks');
    const oldSecret = await secretOf(backend, webhook.id);
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    expect(dialog).toHaveTextContent(HTTPS); // names the webhook
    expect(dialog).toHaveTextContent(/signed with it from now on/);
    const group = within(dialog).getByRole('radiogroup', { name: 'Keep the old secret valid for' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.parentElement?.textContent),
    ).toEqual(['Expire now', '1 hour', '24 hours', '7 days']);
    expect(within(group).getByRole('radio', { name: '24 hours' })).toBeChecked();
    await expectNoAxeViolations();

    backend.clock.set(new Date(Date.now() - 60_000)); // rolled a minute ago
    await user.click(button(dialog, 'Roll secret'));
    await closed();
    backend.clock.set(null);
    expect(backend.callsTo('rotation.roll')).toEqual([
      { id: webhook.id, keepOldFor: '24h', endOverlap: false },
    ]);
    expect(await screen.findByText(/old one stays valid for 24 hours/)).toBeInTheDocument();

    // The row: "Rotating", the time left, the exact time on hover.
    const row = rowOf(HTTPS);
    expect(within(row).getByText('Rotating')).toBeInTheDocument();
    const left = within(row).getByText('old secret expires in 23 h');
    const rotation = await rotationOf(backend, api.id, webhook.id);
    expect(rotation).toMatchObject({ phase: 'overlap', guided: false });
    expect(left).toHaveAttribute('dateTime', rotation?.phase === 'overlap' ? rotation.expiresAt : '');
    expect(left.getAttribute('title')).toMatch(/\d/);

    // The previous secret (the old one) can be revealed and copied; the current one is new.
    expect(await secretOf(backend, webhook.id, 'previous')).toBe(oldSecret);
    const newSecret = await secretOf(backend, webhook.id);
    expect(newSecret).not.toBe(oldSecret);
    await user.click(button(row, 'Reveal previous signing secret'));
    expect(await within(row).findByText(oldSecret)).toBeInTheDocument();
    expect(backend.callsTo('secrets.reveal')).toEqual([{ id: webhook.id, role: 'previous' }]);
    await expectNoAxeViolations();
    await user.click(button(row, 'Hide previous signing secret'));
    expect(within(row).queryByText(oldSecret)).toBeNull();
    await user.click(button(row, 'Copy previous signing secret'));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    expect(backend.clipboardText()).toBe(oldSecret);
    await user.click(button(row, 'Reveal signing secret'));
    expect(await within(row).findByText(newSecret)).toBeInTheDocument();

    expect(await menuItems(user, HTTPS)).toEqual(
      expect.arrayContaining(['Regenerate signing secret', 'Roll signing secret', 'End overlap now']),
    );
  });

  it('"Expire now" rolls without an overlap; another choice is sent as chosen', async () => {
    const { user, backend, webhook } = await oneWebhook('stripe');
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(within(dialog).getByRole('radio', { name: 'Expire now' }));
    expect(dialog).toHaveTextContent(/stops working at once/);
    await user.click(button(dialog, 'Roll secret'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('rotation.roll')).toEqual([
      { id: webhook.id, keepOldFor: 'now', endOverlap: false },
    ]);
    expect(within(rowOf(HTTPS)).queryByText('Rotating')).toBeNull();
    expect(await screen.findByText(/The old one no longer works/)).toBeInTheDocument();

    await choose(user, HTTPS, 'Roll signing secret');
    const again = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(within(again).getByRole('radio', { name: '7 days' }));
    await user.click(button(again, 'Roll secret'));
    await closed();
    await within(rowOf(HTTPS)).findByText('old secret expires in 7 d');
    expect(backend.callsTo('rotation.roll')[1]).toEqual({
      id: webhook.id,
      keepOldFor: '7d',
      endOverlap: false,
    });
  });

  it('a second roll during an overlap warns that it ends the old secret now, and says so to main', async () => {
    const { user, backend, webhook } = await oneWebhook('standard-webhooks');
    const first = await secretOf(backend, webhook.id);
    await backend.main.ok('rotation.roll', { id: webhook.id, keepOldFor: '1h' });
    const second = await secretOf(backend, webhook.id);
    // The row was read before that roll: the dialog learns of the overlap from main's refusal, and warns.
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    expect(dialog).not.toHaveTextContent(/Rolling again ends it/);
    await user.click(button(dialog, 'Roll secret'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/rolling again ends its old secret/);
    await waitFor(() => expect(dialog).toHaveTextContent(/Rolling again ends it now/));
    expect(backend.callsTo('rotation.roll')).toEqual([
      { id: webhook.id, keepOldFor: '24h', endOverlap: false },
    ]);
    expect(await secretOf(backend, webhook.id)).toBe(second);
    await user.click(button(dialog, 'Roll secret'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('rotation.roll').at(-1)).toEqual({
      id: webhook.id,
      keepOldFor: '24h',
      endOverlap: true,
    });
    expect(await secretOf(backend, webhook.id, 'previous')).toBe(second);
    expect(await secretOf(backend, webhook.id, 'previous')).not.toBe(first);
  });

  it('"End overlap now" asks first, then the old secret stops working', async () => {
    const { user, backend, api, webhook } = await oneWebhook('stripe');
    await choose(user, HTTPS, 'Roll signing secret');
    await user.click(
      button(await screen.findByRole('dialog', { name: 'Roll signing secret' }), 'Roll secret'),
    );
    await closed();
    await within(rowOf(HTTPS)).findByText('Rotating');

    await choose(user, HTTPS, 'End overlap now');
    const confirm = await screen.findByRole('alertdialog', { name: 'End overlap now?' });
    expect(confirm).toHaveTextContent(HTTPS);
    await user.click(button(confirm, 'Cancel'));
    expect(within(rowOf(HTTPS)).getByText('Rotating')).toBeInTheDocument();

    await choose(user, HTTPS, 'End overlap now');
    await user.click(
      button(await screen.findByRole('alertdialog', { name: 'End overlap now?' }), 'End overlap'),
    );
    await waitFor(() => expect(within(rowOf(HTTPS)).queryByText('Rotating')).toBeNull());
    expect(backend.callsTo('rotation.endOverlap')).toEqual([{ id: webhook.id }]);
    expect(await rotationOf(backend, api.id, webhook.id)).toBeUndefined();
    expect(within(rowOf(HTTPS)).queryByRole('button', { name: 'Reveal previous signing secret' })).toBeNull();
    expect(await menuItems(user, HTTPS)).not.toContain('End overlap now');
  });

  it('when main ends an overlap at its expiry (webhooks.changed), the row is read again', async () => {
    const { user, backend, webhook } = await oneWebhook('standard-webhooks');
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(within(dialog).getByRole('radio', { name: '1 hour' }));
    await user.click(button(dialog, 'Roll secret'));
    await closed();
    await within(rowOf(HTTPS)).findByText('old secret expires in 1 h');

    backend.clock.set(new Date(Date.now() + 2 * 60 * 60 * 1000));
    let ended: string[] = [];
    await act(async () => {
      ended = await backend.main.services.rotation.expireDue();
    });
    expect(ended).toEqual([webhook.id]);
    await waitFor(() => expect(within(rowOf(HTTPS)).queryByText('Rotating')).toBeNull());
  });

  it("regenerate during an overlap is refused with main's reason, in the dialog", async () => {
    const { user, backend, webhook } = await oneWebhook('stripe');
    await backend.main.ok('rotation.roll', { id: webhook.id, keepOldFor: '1h' });
    await choose(user, HTTPS, 'Regenerate signing secret');
    const confirm = await screen.findByRole('alertdialog', { name: 'Regenerate signing secret?' });
    await user.click(button(confirm, 'Regenerate secret'));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      /rotation of this webhook is in progress/,
    );
  });
});

describe('Roll signing secret (Mindee, GitHub): the guided rotation', () => {
  it('walks through the four steps, each proven by the receiver, and can be left and resumed', async () => {
    const receiver = await startRotatingReceiver('mindee');
    const url = `${receiver.url}/hooks`;
    const { user, backend, api, webhook } = await oneWebhook('mindee', url);
    const oldSecret = await secretOf(backend, webhook.id);
    receiver.known.add(oldSecret);

    // Step 1: the dialog explains, "Roll secret" creates the new secret.
    await choose(user, url, 'Roll signing secret');
    let dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    expect(dialog).toHaveTextContent(url);
    expect(
      within(dialog).getByRole('heading', { name: 'Step 1 of 4: create the new secret' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations();
    await user.click(button(dialog, 'Roll secret'));
    const stepTwo = await within(dialog).findByRole('heading', { name: 'Step 2 of 4: test both secrets' });
    expect(stepTwo).toHaveFocus();
    expect(backend.callsTo('rotation.roll')).toEqual([
      { id: webhook.id, keepOldFor: '24h', endOverlap: false },
    ]);
    expect(dialog).toHaveTextContent(/Add this new secret to your receiver next to the current one/);

    // The new secret: revealed and copied through main (role next); the current one still signs.
    const newSecret = await secretOf(backend, webhook.id, 'next');
    expect(await secretOf(backend, webhook.id)).toBe(oldSecret);
    await user.click(button(dialog, 'Reveal new signing secret'));
    expect(await within(dialog).findByText(newSecret)).toBeInTheDocument();
    await user.click(button(dialog, 'Copy new signing secret'));
    await waitFor(() => expect(backend.clipboardText()).toBe(newSecret));
    expect(backend.callsTo('secrets.copy')).toEqual([{ id: webhook.id, role: 'next' }]);
    expect(button(dialog, 'Switch to the new secret')).toBeDisabled();
    await expectNoAxeViolations();

    // Step 2 before the receiver knows the new secret: refused, and the switch stays closed.
    await user.click(button(dialog, 'Test the new secret'));
    expect(await within(dialog).findByText('Refused: 401 Unauthorized')).toBeInTheDocument();
    expect(button(dialog, 'Switch to the new secret')).toBeDisabled();

    // Leave and resume: the row says where the rotation is; the menu reopens it there.
    await user.click(button(dialog, 'Continue later'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf(url)).getByText('Rotating')).toBeInTheDocument();
    expect(within(rowOf(url)).getByText('step 2 of 4')).toBeInTheDocument();
    const items = await menuItems(user, url);
    expect(items).toContain('Continue rotation');
    expect(items).not.toContain('Roll signing secret');
    receiver.known.add(newSecret); // the user adds it to the receiver
    await choose(user, url, 'Continue rotation');
    dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    expect(within(dialog).getByText('Refused: 401 Unauthorized')).toBeInTheDocument(); // kept in main

    await user.click(button(dialog, 'Test the new secret'));
    expect(await within(dialog).findByText('Accepted: 200 OK')).toBeInTheDocument();
    await user.click(button(dialog, 'Test the current secret'));
    await waitFor(() => expect(within(dialog).getAllByText('Accepted: 200 OK')).toHaveLength(2));
    expect(backend.callsTo('rotation.test')).toEqual([
      { id: webhook.id, role: 'next' },
      { id: webhook.id, role: 'next' },
      { id: webhook.id, role: 'current' },
    ]);
    expect(
      await within(dialog).findByRole('heading', { name: 'Step 3 of 4: switch to the new secret' }),
    ).toBeInTheDocument();
    expect(within(rowBehindDialog(webhook.id)).getByText('step 3 of 4')).toBeInTheDocument();

    // Step 3: switch, keeping the old secret for an hour.
    const group = within(dialog).getByRole('radiogroup', { name: 'Keep the old secret valid for' });
    expect(within(group).getByRole('radio', { name: '24 hours' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: '1 hour' }));
    expect(within(dialog).queryByRole('checkbox', { name: 'Switch anyway' })).toBeNull();
    await user.click(button(dialog, 'Switch to the new secret'));
    const stepFour = await within(dialog).findByRole('heading', {
      name: 'Step 4 of 4: check the old secret is refused (optional)',
    });
    expect(stepFour).toHaveFocus();
    expect(backend.callsTo('rotation.switch')).toEqual([{ id: webhook.id, keepOldFor: '1h', force: false }]);
    expect(await secretOf(backend, webhook.id)).toBe(newSecret);
    expect(await secretOf(backend, webhook.id, 'previous')).toBe(oldSecret);
    expect(await rotationOf(backend, api.id, webhook.id)).toMatchObject({ phase: 'overlap', guided: true });
    await expectNoAxeViolations();

    // Step 4 while the receiver still knows the old secret: said plainly.
    await user.click(button(dialog, 'Check the old secret is refused'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Your receiver still accepts the old secret.',
    );
    receiver.known.delete(oldSecret);
    await user.click(button(dialog, 'Check the old secret is refused'));
    expect(await within(dialog).findByText('Refused: 401 Unauthorized')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Your receiver refuses the old secret: the rotation is complete.');
    await user.click(button(dialog, 'Done'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf(url)).getByText('old secret expires in 1 h')).toBeInTheDocument();
    expect(button(rowOf(url), 'More actions')).toHaveFocus();

    // The receiver's answers are records too, saying which secret signed them.
    await user.click(within(rowOf(url)).getByText('Mindee'));
    const region = await screen.findByRole('region', { name: 'Deliveries' });
    const list = await within(region).findByRole('list', { name: 'Delivery records, newest first' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(5));
    for (const item of within(list).getAllByRole('listitem')) expect(item).toHaveTextContent('rotation test');
    await user.click(within(within(list).getAllByRole('listitem')[0] as HTMLElement).getByRole('button'));
    const detail = await within(region).findByRole('article');
    expect(within(detail).getByText('Signed with')).toBeInTheDocument();
    expect(within(detail).getByText('previous (rotation test)')).toBeInTheDocument();
    await user.click(within(within(list).getAllByRole('listitem')[4] as HTMLElement).getByRole('button'));
    await waitFor(() => expect(within(region).getByText('next (rotation test)')).toBeInTheDocument());
  });

  it('switches before both tests passed only with "Switch anyway", which warns', async () => {
    const receiver = await startRotatingReceiver('github');
    const url = `${receiver.url}/hooks`;
    const { user, backend, webhook } = await oneWebhook('github', url);
    await choose(user, url, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(button(dialog, 'Roll secret'));
    await within(dialog).findByRole('heading', { name: 'Step 2 of 4: test both secrets' });
    await user.click(button(dialog, 'Test the current secret'));
    expect(await within(dialog).findByText('Refused: 401 Unauthorized')).toBeInTheDocument();
    expect(button(dialog, 'Switch to the new secret')).toBeDisabled();

    await user.click(within(dialog).getByRole('checkbox', { name: 'Switch anyway' }));
    expect(dialog).toHaveTextContent(/has not accepted both secrets/);
    await user.click(button(dialog, 'Switch to the new secret'));
    await within(dialog).findByRole('heading', { name: /^Step 4 of 4/ });
    expect(backend.callsTo('rotation.switch')).toEqual([{ id: webhook.id, keepOldFor: '24h', force: true }]);
  });

  it('"Cancel rotation" discards the new secret; nothing else changed', async () => {
    const { user, backend, api, webhook } = await oneWebhook('mindee');
    const current = await secretOf(backend, webhook.id);
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(button(dialog, 'Roll secret'));
    await within(dialog).findByRole('heading', { name: 'Step 2 of 4: test both secrets' });
    await user.click(button(dialog, 'Cancel rotation'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsTo('rotation.cancel')).toEqual([{ id: webhook.id }]);
    expect(await rotationOf(backend, api.id, webhook.id)).toBeUndefined();
    expect(await secretOf(backend, webhook.id)).toBe(current);
    expect(within(rowOf(HTTPS)).queryByText('Rotating')).toBeNull();
    expect(
      await screen.findByText('Rotation cancelled. The new signing secret was discarded.'),
    ).toBeInTheDocument();
    expect(await menuItems(user, HTTPS)).toContain('Roll signing secret');
  });

  it('a guided rotation whose old secret expired at once says so at step 4', async () => {
    const { user } = await oneWebhook('mindee');
    await choose(user, HTTPS, 'Roll signing secret');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    await user.click(button(dialog, 'Roll secret'));
    await within(dialog).findByRole('heading', { name: 'Step 2 of 4: test both secrets' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Switch anyway' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Expire now' }));
    await user.click(button(dialog, 'Switch to the new secret'));
    expect(await within(dialog).findByText(/the old one no longer works/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Check the old secret is refused' })).toBeNull();
  });

  it('"Continue rotation" after the switch opens step 4, which stays there when main ends the overlap', async () => {
    const { user, backend, webhook } = await oneWebhook('mindee');
    await backend.main.ok('rotation.roll', { id: webhook.id });
    await backend.main.ok('rotation.switch', { id: webhook.id, keepOldFor: '1h', force: true });
    const { refreshWebhooks } = await import('../../src/renderer/src/features/webhooks/actions');
    await act(() => refreshWebhooks());
    expect(within(rowOf(HTTPS)).getByText(/^old secret expires in/)).toBeInTheDocument();
    expect(await menuItems(user, HTTPS)).toEqual(
      expect.arrayContaining(['Continue rotation', 'Roll signing secret', 'End overlap now']),
    );

    await choose(user, HTTPS, 'Continue rotation');
    const dialog = await screen.findByRole('dialog', { name: 'Roll signing secret' });
    expect(
      within(dialog).getByRole('heading', {
        name: 'Step 4 of 4: check the old secret is refused (optional)',
      }),
    ).toBeInTheDocument();
    backend.clock.set(new Date(Date.now() + 2 * 60 * 60 * 1000));
    await act(async () => {
      await backend.main.services.rotation.expireDue();
    });
    expect(await within(dialog).findByText(/the old one no longer works/)).toBeInTheDocument();
    expect(within(dialog).getByRole('heading', { name: /^Step 4 of 4/ })).toBeInTheDocument();
  });

  it('"Regenerate signing secret" during a guided rotation says to finish it first', async () => {
    const { user, backend, webhook } = await oneWebhook('github');
    await backend.main.ok('rotation.roll', { id: webhook.id });
    const { refreshWebhooks } = await import('../../src/renderer/src/features/webhooks/actions');
    await act(() => refreshWebhooks());
    await choose(user, HTTPS, 'Regenerate signing secret');
    const confirm = await screen.findByRole('alertdialog', { name: 'Regenerate signing secret?' });
    expect(confirm).toHaveTextContent('A secret rotation is in progress');
  });
});

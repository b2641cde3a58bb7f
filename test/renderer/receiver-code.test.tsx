/**
 * "Receiver code" in the renderer (issue 12, section 3), against the real main core and keychain: the row
 * menu's item opens the dialog with the code main makes for the webhook's scheme and path, the language
 * choice, "Copy code" and "Copy .env line" (the real secrets from the keychain, on the clipboard double), and
 * during a rotation the code and the .env lines for both secrets.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme } from '../../src/shared/domain';
import { RECEIVER_LANGUAGES, RECEIVER_LANGUAGE_LABELS } from '../../src/shared/receiver-code';
import { profileItems, testVault } from '../support/keyring';
import { startBackend } from '../support/renderer-backend';
import { expectNoAxeViolations, renderApp, rowOf } from './render-app';

const URL = 'https://api.example.com/hooks/stripe';

/** One webhook of `scheme`; `rolled`: a rotation started (with an overlap of 1 hour where the scheme has one). */
async function oneWebhook(scheme: SignatureScheme, { rolled = false } = {}) {
  const vault = testVault();
  const backend = await startBackend({ vault });
  const api = await backend.seedApi('Invoices', ['v4']);
  const webhook = await backend.seedWebhook(api, URL, { scheme });
  if (rolled) await backend.main.ok('rotation.roll', { id: webhook.id, keepOldFor: '1h' });
  const app = await renderApp(backend);
  /** The profile's keychain items, read from the keychain itself: `<id>`, `<id>#previous`, `<id>#next`. */
  const keychain = async (slot = '') => {
    const secret = (await profileItems({ vault, profileId: backend.main.profileId })).get(
      `${webhook.id}${slot}`,
    );
    if (secret === undefined) throw new Error(`no keychain item ${webhook.id}${slot}`);
    return secret;
  };
  return { ...app, backend, webhook, keychain };
}

type User = Awaited<ReturnType<typeof renderApp>>['user'];

async function openReceiverCode(user: User): Promise<HTMLElement> {
  await user.click(within(rowOf(URL)).getByRole('button', { name: 'More actions' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Receiver code' }));
  const dialog = await screen.findByRole('dialog', { name: 'Receiver code' });
  await waitFor(() => expect(codeOf(dialog)).not.toBeNull());
  return dialog;
}

const codeOf = (dialog: HTMLElement) => dialog.querySelector<HTMLElement>('[data-receiver-code]');
const code = (dialog: HTMLElement) => codeOf(dialog)?.textContent ?? '';
const filename = (dialog: HTMLElement) => dialog.querySelector('[data-receiver-filename]')?.textContent ?? '';

describe('Receiver code', () => {
  it('shows the Express code for a Stripe webhook, switches language, copies the code and the .env line', async () => {
    const { user, backend, webhook, keychain } = await oneWebhook('stripe');
    const dialog = await openReceiverCode(user);
    const secret = await keychain();

    // The language choice: every language, Express first and chosen; it has the focus.
    const language = within(dialog).getByRole('combobox', { name: 'Language' });
    expect(language).toHaveFocus();
    expect(
      within(language)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(RECEIVER_LANGUAGES.map((choice) => RECEIVER_LANGUAGE_LABELS[choice]));
    expect(language).toHaveValue('node-express');

    // Main's code for this webhook: Stripe's library, the raw body, the webhook's path; no secret anywhere.
    const express = await backend.main.ok('receiverCode.get', { id: webhook.id, language: 'node-express' });
    expect(code(dialog)).toBe(express.code);
    expect(code(dialog)).toContain('constructEvent');
    expect(code(dialog)).toContain('express.raw');
    expect(code(dialog)).toContain("'/hooks/stripe'");
    expect(filename(dialog)).toBe(express.filename);
    expect(dialog.querySelector('[data-receiver-run]')?.textContent).toBe(express.run);
    expect(dialog).toHaveTextContent(/reads the signing secret from HOOKWARDEN_SECRET/);
    expect(dialog).not.toHaveTextContent(/HOOKWARDEN_PREVIOUS_SECRET/);
    expect(document.body.innerHTML).not.toContain(secret);
    // The code is a named, focusable (scrollable by keyboard) block.
    expect(screen.getByRole('dialog', { name: 'Receiver code' })).toBe(dialog);
    expect(codeOf(dialog)).toHaveAttribute('tabindex', '0');
    expect(codeOf(dialog)).toHaveAccessibleName(express.filename);
    await expectNoAxeViolations();
    // By keyboard: Tab goes from the language to the code (to scroll it), then to the buttons.
    await user.tab();
    expect(codeOf(dialog)).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Copy .env line' })).toHaveFocus();

    // Another language: main's code for it.
    await user.selectOptions(language, 'Python (Flask)');
    const flask = await backend.main.ok('receiverCode.get', { id: webhook.id, language: 'python-flask' });
    await waitFor(() => expect(code(dialog)).toBe(flask.code));
    expect(code(dialog)).toContain('request.get_data()');
    expect(code(dialog)).not.toContain('express.raw');
    expect(filename(dialog)).toBe(flask.filename);
    await user.selectOptions(language, 'Go (net/http)');
    const go = await backend.main.ok('receiverCode.get', { id: webhook.id, language: 'go' });
    await waitFor(() => expect(code(dialog)).toBe(go.code));
    expect(code(dialog)).toContain('net/http');

    // "Copy code": main copies the code shown.
    await user.click(within(dialog).getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(backend.clipboardText()).toBe(go.code));
    expect(backend.callsTo('receiverCode.copy')).toEqual([{ id: webhook.id, language: 'go' }]);
    expect(await screen.findByText(`Copied the code of ${go.filename}`)).toBeInTheDocument();

    // "Copy .env line": the real secret, copied in main, never shown.
    await user.click(within(dialog).getByRole('button', { name: 'Copy .env line' }));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    expect(backend.clipboardText()).toBe(`HOOKWARDEN_SECRET=${secret}\n`);
    expect(document.body.innerHTML).not.toContain(secret);

    // "Done" closes and gives the focus back to the row's menu button.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf(URL)).getByRole('button', { name: 'More actions' })).toHaveFocus();
  });

  it('during an overlap: the code accepts both secrets and "Copy .env line" copies both', async () => {
    const { user, backend, webhook, keychain } = await oneWebhook('stripe', { rolled: true });
    expect(within(rowOf(URL)).getByText('Rotating')).toBeInTheDocument();
    const dialog = await openReceiverCode(user);
    expect(code(dialog)).toContain('HOOKWARDEN_PREVIOUS_SECRET');
    expect(code(dialog)).toContain('constructEvent');
    expect(dialog).toHaveTextContent(/the code accepts both secrets until the overlap ends/);
    expect(dialog).toHaveTextContent(
      /HOOKWARDEN_SECRET holds the new secret, HOOKWARDEN_PREVIOUS_SECRET the previous one/,
    );
    await expectNoAxeViolations();

    await user.click(within(dialog).getByRole('button', { name: 'Copy .env line' }));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    const [current, previous] = [await keychain(), await keychain('#previous')];
    expect(current).not.toBe(previous);
    expect(backend.clipboardText()).toBe(
      `HOOKWARDEN_SECRET=${current}\nHOOKWARDEN_PREVIOUS_SECRET=${previous}\n`,
    );

    // The overlap expires under the open dialog (main says webhooks.changed): the code goes back to one secret.
    backend.clock.set(new Date(Date.now() + 2 * 60 * 60 * 1000));
    await act(async () => {
      expect(await backend.main.services.rotation.expireDue()).toEqual([webhook.id]);
    });
    await waitFor(() => expect(code(dialog)).not.toContain('HOOKWARDEN_PREVIOUS_SECRET'));
    expect(dialog).toHaveTextContent(/reads the signing secret from HOOKWARDEN_SECRET/);
  });

  it('before the switch of a guided rotation: the new secret and the current one', async () => {
    const { user, backend, keychain } = await oneWebhook('mindee', { rolled: true });
    expect(within(rowOf(URL)).getByText('Rotating')).toBeInTheDocument();
    const dialog = await openReceiverCode(user);
    expect(code(dialog)).toContain('HOOKWARDEN_PREVIOUS_SECRET');
    expect(dialog).toHaveTextContent(
      /HOOKWARDEN_SECRET holds the new secret, HOOKWARDEN_PREVIOUS_SECRET the current one/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Copy .env line' }));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeInTheDocument();
    expect(backend.clipboardText()).toBe(
      `HOOKWARDEN_SECRET=${await keychain('#next')}\nHOOKWARDEN_PREVIOUS_SECRET=${await keychain()}\n`,
    );
  });

  it('a secret missing from the keychain: "Copy .env line" says so, copies nothing and marks the row', async () => {
    const { user, backend, webhook } = await oneWebhook('github');
    const dialog = await openReceiverCode(user);
    await backend.removeSecret(webhook.id);
    await user.click(within(dialog).getByRole('button', { name: 'Copy .env line' }));
    await waitFor(() => expect(backend.callsTo('receiverCode.copyEnv')).toHaveLength(1));
    expect(
      await screen.findByText(
        'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Copied — the clipboard clears/)).toBeNull();
    expect(backend.clipboardText()).not.toMatch(/HOOKWARDEN_SECRET=/);
    // The row behind the dialog (hidden from the accessibility tree meanwhile) says the secret is missing.
    const row = document.querySelector<HTMLElement>(`[data-webhook-row="${webhook.id}"]`) as HTMLElement;
    expect(row).toHaveTextContent('Signing secret missing from the keychain.');
  });
});

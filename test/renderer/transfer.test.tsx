/**
 * Export and import in the renderer (issue 14, section 2), against the real main core, real files and the real
 * keychain: the application menu's commands (the 'app.menuCommand' event) open "Export with secrets", "Import
 * configuration" and "Keyboard shortcuts"; main's save and open dialogs answer what the test sets. Also
 * 'config.changed': the window reads the configuration again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useApis } from '../../src/renderer/src/stores/apis';
import { useSettings } from '../../src/renderer/src/stores/settings';
import { useToasts } from '../../src/renderer/src/stores/toasts';
import { useTransfer } from '../../src/renderer/src/stores/transfer';
import { useWebhooks } from '../../src/renderer/src/stores/webhooks';
import type { MenuCommand } from '../../src/shared/contract';
import { dialogAnswers } from '../support/electron-double';
import { startBackend, type Backend } from '../support/renderer-backend';
import { tempDir } from '../support/temp';
import { bodyRows, expectNoAxeViolations, renderApp, rowOf } from './render-app';

const URL_A = 'https://a.example.com/hooks';
const URL_B = 'https://b.example.com/hooks';
const PASSPHRASE = 'correct horse battery staple';

/** An API with two webhooks, shown. */
async function twoWebhooks() {
  const backend = await startBackend();
  const api = await backend.seedApi('Invoices', ['v4']);
  const a = await backend.seedWebhook(api, URL_A);
  const b = await backend.seedWebhook(api, URL_B);
  const app = await renderApp(backend);
  return { ...app, backend, api, a, b };
}

const menu = (backend: Backend, command: MenuCommand) => backend.emit('app.menuCommand', { command });

/** Where main's next save dialog puts the file. */
function saveTo(name: string): string {
  const path = join(tempDir(), name);
  dialogAnswers.save = path;
  return path;
}

const button = (scope: HTMLElement, name: string) => within(scope).getByRole('button', { name });

/** Every store's state as text: a secret or passphrase must never be in one. */
const storesText = () =>
  JSON.stringify([useApis, useWebhooks, useSettings, useToasts, useTransfer].map((s) => s.getState()));

describe('Export and import', () => {
  it('"Export with secrets": the passphrase typed twice, checked; the file is encrypted; nothing kept', async () => {
    const { user, backend, a } = await twoWebhooks();
    const path = saveTo('hookwarden.json.age');
    menu(backend, 'exportWithSecrets');
    const dialog = await screen.findByRole('dialog', { name: 'Export with secrets' });
    expect(dialog).toHaveTextContent(/holds every signing secret/);
    const passphrase = within(dialog).getByLabelText('Passphrase');
    const repeat = within(dialog).getByLabelText('Repeat passphrase');
    expect(passphrase).toHaveFocus();
    expect(passphrase).toHaveAttribute('type', 'password');
    expect(repeat).toHaveAttribute('type', 'password');

    // Too short, then not the same twice: "Export" asks main nothing.
    await user.type(passphrase, 'short');
    await user.type(repeat, 'short');
    await user.click(button(dialog, 'Export'));
    expect(passphrase).toHaveAccessibleDescription('A passphrase has at least 8 characters.');
    await user.clear(passphrase);
    await user.type(passphrase, PASSPHRASE);
    await user.clear(repeat);
    await user.type(repeat, `${PASSPHRASE}!`);
    await user.keyboard('{Enter}');
    expect(repeat).toHaveAccessibleDescription('The passphrases do not match.');
    expect(repeat).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsTo('transfer.export')).toEqual([]);
    await expectNoAxeViolations();

    await user.type(repeat, '{Backspace}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(`Configuration exported to ${path}`)).toBeInTheDocument();
    const file = readFileSync(path);
    expect(file.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    const secret = await backend.secretOf(a.id);
    expect(file.toString('latin1')).not.toContain(secret);
    // The passphrase is gone with the dialog: not in the page, not in a store.
    expect(document.body.innerHTML).not.toContain(PASSPHRASE);
    expect(storesText()).not.toContain(PASSPHRASE);
  });

  it('"Export configuration…" saves at once (nothing said when cancelled); imported again, nothing is new', async () => {
    const { user, backend, a, b } = await twoWebhooks();
    dialogAnswers.save = null;
    menu(backend, 'export');
    await waitFor(() => expect(backend.callsTo('transfer.export')).toHaveLength(1));
    expect(screen.queryByText(/^Configuration exported/)).toBeNull();

    // A place that cannot be written: said plainly.
    dialogAnswers.save = join(tempDir(), 'no-such-folder', 'hookwarden.json');
    menu(backend, 'export');
    expect(
      await screen.findByText(
        new RegExp(`^The configuration could not be exported: Could not write ${dialogAnswers.save}: ENOENT`),
      ),
    ).toBeInTheDocument();

    const path = saveTo('hookwarden.json');
    menu(backend, 'export');
    expect(await screen.findByText(`Configuration exported to ${path}`)).toBeInTheDocument();
    expect(backend.callsTo('transfer.export')).toEqual(Array(3).fill({ withSecrets: false }));
    const secrets = [await backend.secretOf(a.id), await backend.secretOf(b.id)];
    for (const secret of secrets) expect(readFileSync(path, 'utf8')).not.toContain(secret);

    dialogAnswers.open = path;
    menu(backend, 'import');
    const dialog = await screen.findByRole('dialog', { name: 'Import configuration' });
    expect(dialog).toHaveTextContent(path);
    await within(dialog).findByText('Nothing new: everything in this file is already here.');
    const already = within(dialog).getByRole('region', { name: 'Webhooks already here (2)' });
    expect(already).toHaveTextContent(`Invoices v4 (${URL_A})`);
    expect(already).toHaveTextContent(`Invoices v4 (${URL_B})`);
    const choice = within(already).getByRole('radiogroup', { name: 'Webhooks already here' });
    expect(within(choice).getByRole('radio', { name: 'Replace' })).toBeChecked();
    expect(within(choice).getByRole('radio', { name: 'Skip' })).not.toBeChecked();
    expect(within(dialog).queryByRole('region', { name: /^Webhooks to add/ })).toBeNull();
    expect(button(dialog, 'Import')).toHaveFocus();
    await expectNoAxeViolations();

    await user.keyboard('{Enter}');
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Imported: 0 added, 2 replaced, 0 skipped.',
    );
    expect(dialog).not.toHaveTextContent(/new signing secrets/);
    await user.click(button(dialog, 'Done'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Nothing changed: the same two webhooks, the same secrets.
    expect(bodyRows()).toHaveLength(2);
    expect([await backend.secretOf(a.id), await backend.secretOf(b.id)]).toEqual(secrets);
  });

  it('a webhook with the same id and one with the same version and URL: the choices, applied; fresh secrets listed', async () => {
    const { user, backend, api, a, b } = await twoWebhooks();
    const path = saveTo('hookwarden.json');
    await backend.main.ok('transfer.export', { withSecrets: false });
    // B is deleted and made again: another id, the same version and URL. A is edited here.
    await backend.main.ok('webhooks.delete', { id: b.id });
    const bAgain = await backend.seedWebhook(api, URL_B);
    await backend.main.ok('webhooks.updateDetails', { id: a.id, url: URL_A, description: 'kept here' });

    dialogAnswers.open = path;
    menu(backend, 'import');
    const dialog = await screen.findByRole('dialog', { name: 'Import configuration' });
    const already = await within(dialog).findByRole('region', { name: 'Webhooks already here (1)' });
    expect(already).toHaveTextContent(`Invoices v4 (${URL_A})`);
    const same = within(dialog).getByRole('region', { name: 'Same version and URL as a webhook here (1)' });
    expect(same).toHaveTextContent(`Invoices v4 (${URL_B})`);
    const sameChoice = within(same).getByRole('radiogroup');
    expect(within(sameChoice).getByRole('radio', { name: 'Skip' })).toBeChecked();
    expect(dialog).not.toHaveTextContent('Nothing new');
    expect(dialog).toHaveTextContent('The file has no secrets: webhooks it adds get new signing secrets.');

    await user.click(within(already).getByRole('radio', { name: 'Skip' }));
    await user.click(within(sameChoice).getByRole('radio', { name: 'Add anyway' }));
    await user.click(button(dialog, 'Import'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Imported: 1 added, 0 replaced, 1 skipped.',
    );
    const fresh = within(dialog).getByRole('region', {
      name: 'These webhooks got new signing secrets: give them to their receivers (1)',
    });
    expect(
      within(fresh)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([`Invoices v4 (${URL_B})`]);
    await expectNoAxeViolations();

    // Applied as chosen: B is back under its old id with a new secret beside B's twin; A kept as edited here.
    expect(await backend.secretOf(b.id)).toMatch(/^whsec_/);
    expect(await backend.secretOf(b.id)).not.toBe(await backend.secretOf(bAgain.id));
    const stored = await backend.main.ok('webhooks.list', { apiId: api.id });
    expect(stored.find((webhook) => webhook.id === a.id)?.description).toBe('kept here');
    // The list was read again.
    await user.click(button(dialog, 'Done'));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
  });

  it('an encrypted file: a wrong passphrase is said and changes nothing; the right one brings the secret back', async () => {
    // Exported, then A deleted, before the window opens.
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4']);
    const a = await backend.seedWebhook(api, URL_A);
    await backend.seedWebhook(api, URL_B);
    const secret = await backend.secretOf(a.id);
    const path = saveTo('hookwarden.json.age');
    await backend.main.ok('transfer.export', { withSecrets: true, passphrase: PASSPHRASE });
    await backend.main.ok('webhooks.delete', { id: a.id });
    const { user } = await renderApp(backend);
    expect(bodyRows()).toHaveLength(1);
    const configBefore = readFileSync(join(backend.main.dir, 'config.json'), 'utf8');

    dialogAnswers.open = path;
    menu(backend, 'import');
    const dialog = await screen.findByRole('dialog', { name: 'Import configuration' });
    const passphrase = within(dialog).getByLabelText('Passphrase');
    expect(passphrase).toHaveFocus();
    await user.type(passphrase, 'not the passphrase');
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The passphrase does not open this export.',
    );
    expect(readFileSync(join(backend.main.dir, 'config.json'), 'utf8')).toBe(configBefore);
    expect(await backend.secretOf(a.id)).toBeNull();
    await expectNoAxeViolations();

    await user.clear(passphrase);
    await user.type(passphrase, PASSPHRASE);
    await user.click(button(dialog, 'Continue'));
    const added = await within(dialog).findByRole('region', { name: 'Webhooks to add (1)' });
    expect(added).toHaveTextContent(`Invoices v4 (${URL_A})`);
    expect(dialog).not.toHaveTextContent('The file has no secrets');
    await user.click(button(dialog, 'Import'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Imported: 1 added, 1 replaced');
    expect(dialog).not.toHaveTextContent(/new signing secrets/);
    await user.click(button(dialog, 'Done'));
    await waitFor(() => expect(rowOf(URL_A)).toBeInTheDocument());
    expect(await backend.secretOf(a.id)).toBe(secret);
    expect(document.body.innerHTML).not.toContain(PASSPHRASE);
    expect(storesText()).not.toContain(PASSPHRASE);
  });

  it('a file that is not a Hookwarden export: the error in the dialog, nothing changed', async () => {
    const { user, backend } = await twoWebhooks();
    const path = join(tempDir(), 'other.json');
    writeFileSync(path, JSON.stringify({ format: 'something-else', version: 1 }));
    const configBefore = readFileSync(join(backend.main.dir, 'config.json'), 'utf8');
    dialogAnswers.open = path;
    menu(backend, 'import');
    const dialog = await screen.findByRole('dialog', { name: 'Import configuration' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Hookwarden/);
    expect(within(dialog).queryByRole('button', { name: 'Import' })).toBeNull();
    await user.click(button(dialog, 'Cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(readFileSync(join(backend.main.dir, 'config.json'), 'utf8')).toBe(configBefore);

    // Cancelling main's open dialog opens nothing.
    dialogAnswers.open = null;
    menu(backend, 'import');
    await waitFor(() => expect(backend.callsTo('transfer.openImport')).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('no API yet: "Import configuration…" on the empty page brings a plain export in, with fresh secrets', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4']);
    const a = await backend.seedWebhook(api, URL_A);
    const path = saveTo('hookwarden.json');
    await backend.main.ok('transfer.export', { withSecrets: false });
    const oldSecret = await backend.secretOf(a.id);
    await backend.main.ok('apis.delete', { id: api.id, cascade: true });
    const { user } = await renderApp(backend);

    dialogAnswers.open = path;
    await user.click(screen.getByRole('button', { name: 'Import configuration…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import configuration' });
    expect(await within(dialog).findByRole('region', { name: 'APIs to add (1)' })).toHaveTextContent(
      'Invoices',
    );
    expect(within(dialog).getByRole('region', { name: 'Webhooks to add (1)' })).toHaveTextContent(URL_A);
    await user.keyboard('{Enter}');
    const fresh = await within(dialog).findByRole('region', {
      name: 'These webhooks got new signing secrets: give them to their receivers (1)',
    });
    expect(fresh).toHaveTextContent(`Invoices v4 (${URL_A})`);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(rowOf(URL_A)).toBeInTheDocument());
    expect(screen.getByRole('button', { name: /^Invoices/ })).toHaveAttribute('aria-current', 'page');
    const newSecret = await backend.secretOf(a.id);
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
  });

  it('"Keyboard shortcuts" from the menu lists the window\'s and the menu\'s shortcuts', async () => {
    const { backend } = await twoWebhooks();
    menu(backend, 'keyboardShortcuts');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const what of [
      'Search webhooks',
      'Create a new webhook',
      'Zoom in',
      'Quit Hookwarden',
      'Diagnose',
    ]) {
      expect(dialog).toHaveTextContent(what);
    }
    await expectNoAxeViolations();
  });

  it("'config.changed': APIs, the shown API's webhooks and the settings are read again, in place", async () => {
    const { backend, api } = await twoWebhooks();
    // As the command line would: behind the window's back.
    await backend.seedApi('Receipts', ['v1']);
    await backend.seedWebhook(api, 'https://c.example.com/hooks');
    await backend.main.ok('settings.update', { deliveryTimeoutSeconds: 7 });
    expect(screen.queryByText('Receipts')).toBeNull();

    backend.emit('config.changed', {});
    expect(await screen.findByText('Receipts')).toBeInTheDocument();
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(useApis.getState().selectedId).toBe(api.id);
    expect(useSettings.getState().settings.deliveryTimeoutSeconds).toBe(7);
  });
});

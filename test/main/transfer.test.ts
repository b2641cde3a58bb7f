/**
 * Export and import through the real core: real files, the real keychain, the real config store. An encrypted
 * export opens with Debian's `age` (driven through a pseudo-terminal, as it reads passphrases only from one)
 * and with age-encryption; bad files change nothing; a failed config write puts every secret back.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandLineTransferFiles } from '../../src/main/transfer/disk-files';
import { SCRYPT_WORK_FACTOR, encryptWithPassphrase } from '../../src/main/transfer/encryption';
import type { Webhook } from '../../src/shared/domain';
import type { ExportFile } from '../../src/shared/transfer';
import { closeAfterEach } from '../support/close-after-each';
import { dialog, dialogAnswers } from '../support/electron-double';
import { faultyStore } from '../support/faults';
import { startWithWebhook } from '../support/fixtures';
import { profileItems, storedSecrets } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';
import { startReceiver } from '../support/receiver';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';

/** richProfile's webhooks as an import names them ("API version (URL)"), in config order. */
const NAMES = [
  'Invoices v4 (https://example.com/a)',
  'Receipts v1 (https://r.example.com/in)',
  'Invoices v3 (https://example.com/b)',
];

/** A profile with two APIs, three webhooks (one with a secret header), a template and a setting. */
async function richProfile() {
  const { h, api, hook } = await startWithWebhook();
  await h.ok('webhooks.setHeaders', {
    id: hook.id,
    headers: [
      { name: 'X-Api-Key', secret: true, value: 'key-value-1234' },
      { name: 'X-Team', secret: false, value: 'blue' },
    ],
  });
  const other = await h.ok('apis.create', { name: 'Receipts', versions: ['v1'] });
  await h.ok('webhooks.create', {
    apiId: other.id,
    version: 'v1',
    url: 'https://r.example.com/in',
    scheme: 'stripe',
  });
  await h.ok('webhooks.create', {
    apiId: api.id,
    version: 'v3',
    url: 'https://example.com/b',
    scheme: 'github',
  });
  await h.ok('templates.save', { apiId: api.id, version: 'v4', json: '{"custom":true}' });
  await h.ok('settings.update', { deliveryTimeoutSeconds: 20 });
  return { h, api, hook };
}

/** The config file's parts an export carries: what an identical import must reproduce. */
function shared(h: Harness) {
  const config = JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')) as ExportFile;
  const { apis, webhooks, templates, settings } = config;
  return { apis, webhooks, templates, settings };
}

/** Each webhook's secrets in the keychain, by webhook id and slot, without the profile prefix. */
async function secretsOf(h: Harness) {
  return Object.fromEntries(await profileItems(h));
}

async function exportTo(h: Harness, withSecrets: boolean): Promise<string> {
  const path = join(tempDir(), withSecrets ? 'export.json.age' : 'export.json');
  dialogAnswers.save = path;
  const result = await h.ok(
    'transfer.export',
    withSecrets ? { withSecrets, passphrase: PASSPHRASE } : { withSecrets },
  );
  expect(result).toEqual({ path });
  return path;
}

async function importFrom(h: Harness, path: string, passphrase?: string, choices?: object) {
  dialogAnswers.open = path;
  const opened = await h.ok('transfer.openImport');
  if (!opened) throw new Error('no file opened');
  const step = { token: opened.token, ...(passphrase && { passphrase }), ...(choices && { choices }) };
  return {
    opened,
    preview: await h.ok('transfer.previewImport', step),
    result: await h.ok('transfer.applyImport', step),
  };
}

/** A harness on `owner`'s folder and keychain whose config writes fail while `control.armed` is true. */
async function failingWrites(owner: Harness) {
  let control: ReturnType<typeof faultyStore>['control'] | undefined;
  const h = await startHarness({
    dir: owner.dir,
    vault: owner.vault,
    wrapStore: (store) => {
      const faulty = faultyStore(store);
      control = faulty.control;
      return faulty.store;
    },
  });
  return { h, control: control as NonNullable<typeof control> };
}

/** Writes a plain export file of the test's own making. */
function writeExport(file: ExportFile): string {
  const path = join(tempDir(), 'made.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** The webhooks as config.json holds them (with their rotation and endpoint check). */
function storedWebhooks(h: Harness): Webhook[] {
  return (JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')) as { webhooks: Webhook[] }).webhooks;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('export and import', () => {
  it('a plain export has no secret; imported into an empty profile: the same config, fresh secrets listed', async () => {
    const { h } = await richProfile();
    const path = await exportTo(h, false);
    const text = readFileSync(path, 'utf8');
    for (const secret of storedSecrets) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ format: 'hookwarden-configuration', version: 1 });

    const empty = await startHarness();
    const { opened, preview, result } = await importFrom(empty, path);
    expect(opened?.encrypted).toBe(false);
    expect(preview).toEqual({
      withSecrets: false,
      apis: { added: ['Invoices', 'Receipts'], updated: [] },
      webhooks: { added: NAMES, sameId: [], duplicates: [], blocked: [] },
      templates: 1,
    });
    expect(result).toEqual({ added: NAMES, replaced: [], skipped: [], freshSecrets: NAMES });
    expect(shared(empty)).toEqual(shared(h));
    const fresh = await secretsOf(empty);
    const original = await secretsOf(h);
    expect(Object.keys(fresh).filter((k) => !k.includes('#'))).toHaveLength(3);
    for (const value of Object.values(fresh)) expect(Object.values(original)).not.toContain(value);
  });

  it('with secrets: an age file that age -d and age-encryption open; imported, the very same secrets', async () => {
    const { h, hook } = await richProfile();
    const path = await exportTo(h, true);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    // Debian's age reads the passphrase from a terminal only: `script` gives it one. The decrypted file holds
    // the secrets on purpose: it goes to a folder of its own (not scanned for leaks), removed at once.
    const plainDir = mkdtempSync(join(tmpdir(), 'hookwarden-decrypted-'));
    const out = join(plainDir, 'decrypted.json');
    await run(
      'sh',
      ['-c', `(sleep 1; printf '%s\\n' "$PASS") | script -qec "age -d -o '${out}' '${path}'" /dev/null`],
      {
        env: { ...process.env, PASS: PASSPHRASE },
      },
    );
    const byCli = JSON.parse(readFileSync(out, 'utf8')) as ExportFile;
    rmSync(plainDir, { recursive: true, force: true });
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    expect(JSON.parse(await decrypter.decrypt(bytes, 'text'))).toEqual(byCli);
    const original = await secretsOf(h);
    expect(
      Object.values(byCli.secrets ?? {})
        .map((s) => s.current)
        .sort(),
    ).toEqual(
      Object.entries(original)
        .filter(([k]) => !k.includes('#'))
        .map(([, v]) => v)
        .sort(),
    );
    // A secret header's value goes with its webhook, under the header's lower-cased name.
    expect(byCli.secrets?.[hook.id]).toEqual({
      current: original[hook.id],
      headers: { 'x-api-key': 'key-value-1234' },
    });

    const empty = await startHarness();
    const { preview, result } = await importFrom(empty, path, PASSPHRASE);
    expect(preview).toEqual({
      withSecrets: true,
      apis: { added: ['Invoices', 'Receipts'], updated: [] },
      webhooks: { added: NAMES, sameId: [], duplicates: [], blocked: [] },
      templates: 1,
    });
    expect(result).toEqual({ added: NAMES, replaced: [], skipped: [], freshSecrets: [] });
    expect(shared(empty)).toEqual(shared(h));
    expect(await secretsOf(empty)).toEqual(original);

    // Re-importing the same file changes nothing.
    const before = readFileSync(join(empty.dir, 'config.json'), 'utf8');
    const again = await importFrom(empty, path, PASSPHRASE);
    // No API gains a version it already has.
    expect(again.preview).toEqual({
      withSecrets: true,
      apis: { added: [], updated: [] },
      webhooks: { added: [], sameId: NAMES, duplicates: [], blocked: [] },
      templates: 1,
    });
    expect(readFileSync(join(empty.dir, 'config.json'), 'utf8')).toBe(before);
    expect(await secretsOf(empty)).toEqual(original);
  }, 60_000);

  it('another format, a newer version, a corrupt or cut file, a wrong passphrase: a clear error, nothing changed', async () => {
    const { h } = await richProfile();
    const encrypted = readFileSync(await exportTo(h, true));
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const target = await startHarness();
    const before = readFileSync(join(target.dir, 'config.json'), 'utf8');
    const dir = tempDir();
    const cases: [string, string | Buffer, string, RegExp, string?][] = [
      ['other.json', JSON.stringify({ format: 'other', version: 1 }), 'INVALID_FILE', /another format/],
      ['newer.json', JSON.stringify({ ...plain, version: 2 }), 'INVALID_FILE', /newer Hookwarden/],
      // Only a number can be a newer version: anything else is simply not this format's.
      [
        'text-version.json',
        JSON.stringify({ ...plain, version: '2' }),
        'INVALID_FILE',
        /^This export cannot be imported: version: Invalid input: expected 1\.$/,
      ],
      ['cut.json', JSON.stringify(plain).slice(0, 200), 'INVALID_FILE', /not JSON/],
      [
        'bad.json',
        JSON.stringify({ ...plain, webhooks: [{ id: 'x' }] }),
        'INVALID_FILE',
        /cannot be imported: webhooks/,
      ],
      // Listed twice, a webhook would be both added and replaced.
      [
        'twice.json',
        JSON.stringify({ ...plain, webhooks: [...plain.webhooks, plain.webhooks[0]] }),
        'INVALID_FILE',
        /^This export cannot be imported: webhooks: a webhook id appears twice\.$/,
      ],
      [
        'api-twice.json',
        JSON.stringify({ ...plain, apis: [...plain.apis, plain.apis[0]] }),
        'INVALID_FILE',
        /^This export cannot be imported: apis: an API id appears twice\.$/,
      ],
      [
        'cut.age',
        encrypted.subarray(0, encrypted.length - 40),
        'INVALID_FILE',
        /damaged or incomplete/,
        PASSPHRASE,
      ],
      ['wrong.age', encrypted, 'WRONG_PASSPHRASE', /does not open/, 'not the passphrase'],
      ['none.age', encrypted, 'WRONG_PASSPHRASE', /give its passphrase/],
    ];
    for (const [name, content, code, message, passphrase] of cases) {
      writeFileSync(join(dir, name), content);
      dialogAnswers.open = join(dir, name);
      const opened = await target.ok('transfer.openImport');
      const step = { token: opened?.token as string, ...(passphrase && { passphrase }) };
      const result = await target.invoke('transfer.applyImport', step);
      expect(result, name).toMatchObject({ ok: false, error: { code } });
      expect(result.ok || result.error.message, name).toMatch(message);
    }
    expect(readFileSync(join(target.dir, 'config.json'), 'utf8')).toBe(before);
    expect(await secretsOf(target)).toEqual({});
  }, 60_000);

  it('a webhook with the same id is replaced or skipped; the same version and URL is skipped or added', async () => {
    const { h, hook } = await richProfile();
    const path = await exportTo(h, false);
    await h.ok('webhooks.updateUrl', { id: hook.id, url: 'https://example.com/changed' });
    const secretBefore = (await secretsOf(h))[hook.id];

    const skipped = await importFrom(h, path, undefined, { sameId: 'skip' });
    expect(skipped.result.skipped).toHaveLength(3);
    expect((await h.ok('webhooks.list', { apiId: hook.apiId })).find((w) => w.id === hook.id)?.url).toBe(
      'https://example.com/changed',
    );
    const replaced = await importFrom(h, path, undefined, { sameId: 'replace' });
    expect(replaced.result.replaced).toHaveLength(3);
    expect((await h.ok('webhooks.list', { apiId: hook.apiId })).find((w) => w.id === hook.id)?.url).toBe(
      'https://example.com/a',
    );
    // A plain export keeps the secret this profile has.
    expect((await secretsOf(h))[hook.id]).toBe(secretBefore);

    // Another profile with the same API (by name), version and URL: a duplicate, skipped unless asked.
    const { h: other } = await startWithWebhook();
    const duplicates = await importFrom(other, path, undefined, { duplicates: 'skip' });
    expect(duplicates.preview.webhooks.duplicates).toEqual(['Invoices v4 (https://example.com/a)']);
    expect(duplicates.result.skipped).toEqual(['Invoices v4 (https://example.com/a)']);
    expect(duplicates.result.added).toHaveLength(2);
  });

  it("the app encrypts with age's own scrypt work factor (the tests use a lighter one)", async () => {
    const header = Buffer.from(await encryptWithPassphrase('{}', PASSPHRASE)).toString('latin1');
    expect(header).toMatch(new RegExp(`^age-encryption\\.org/v1\\n-> scrypt \\S+ ${SCRYPT_WORK_FACTOR}\\n`));
    expect(SCRYPT_WORK_FACTOR).toBe(18);
  });

  it('a config write that fails: every secret written is put back, the config unchanged', async () => {
    const { h } = await richProfile();
    const path = await exportTo(h, true);
    const { h: target, control } = await failingWrites(await startHarness());
    dialogAnswers.open = path;
    const opened = await target.ok('transfer.openImport');
    control.armed = true;
    const result = await target.invoke('transfer.applyImport', {
      token: opened?.token as string,
      passphrase: PASSPHRASE,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(await secretsOf(target)).toEqual({});
  }, 60_000);

  it("replacing webhooks from an export with secrets writes the file's secrets; a failed write puts back the ones it replaced", async () => {
    const { h, hook } = await richProfile();
    const original = await secretsOf(h);
    const path = await exportTo(h, true);
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    const regenerated = await secretsOf(h);
    expect(regenerated[hook.id]).not.toBe(original[hook.id]);

    const { h: target, control } = await failingWrites(h);
    dialogAnswers.open = path;
    const opened = await target.ok('transfer.openImport');
    const step = { token: opened?.token as string, passphrase: PASSPHRASE };
    control.armed = true;
    expect(await target.invoke('transfer.applyImport', step)).toEqual({
      ok: false,
      error: { code: 'STORAGE_FAILED', message: 'injected write failure' },
    });
    expect(await secretsOf(h)).toEqual(regenerated);

    // The same pick, once the disk is back: the file's secrets replace this profile's.
    control.armed = false;
    expect(await target.ok('transfer.applyImport', step)).toEqual({
      added: [],
      replaced: NAMES,
      skipped: [],
      freshSecrets: [],
    });
    expect(await secretsOf(h)).toEqual(original);
  }, 60_000);

  it('an export with secrets from a webhook whose secret left the keychain: SECRET_MISSING, no file', async () => {
    const { h, hook } = await richProfile();
    await h.vault.delete(h.account(hook.id));
    const path = join(tempDir(), 'export.json.age');
    dialogAnswers.save = path;
    expect(await h.invoke('transfer.export', { withSecrets: true, passphrase: PASSPHRASE })).toEqual({
      ok: false,
      error: {
        code: 'SECRET_MISSING',
        message: 'A webhook has no signing secret in the keychain: regenerate it first.',
      },
    });
    expect(existsSync(path)).toBe(false);
  });

  it('with secrets but no passphrase, or too short a one: INVALID_INPUT, nothing asked or written', async () => {
    const { h } = await startWithWebhook();
    const path = join(tempDir(), 'export.json.age');
    dialogAnswers.save = path;
    const saveDialog = vi.spyOn(dialog, 'showSaveDialog');
    expect(await h.invoke('transfer.export', { withSecrets: true })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'An export with secrets is encrypted: give a passphrase.' },
    });
    // The command line hands its passphrase to the service as it was typed.
    await expect(h.services.transfer.exportBytes('7 chars')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'A passphrase has at least 8 characters.',
    });
    expect(saveDialog).not.toHaveBeenCalled();
    expect(existsSync(path)).toBe(false);
  });

  it('the save dialog offers the file name of each kind; cancelled, nothing is written; a failed write says where and why', async () => {
    const { h } = await startWithWebhook();
    const saveDialog = vi.spyOn(dialog, 'showSaveDialog');
    const dir = tempDir();
    await exportTo(h, false);
    await exportTo(h, true);
    expect(
      saveDialog.mock.calls.map((args) => (args.at(-1) as unknown as { defaultPath: string }).defaultPath),
    ).toEqual(['hookwarden-configuration.json', 'hookwarden-configuration.json.age']);

    dialogAnswers.save = null;
    expect(await h.ok('transfer.export', { withSecrets: false })).toEqual({ path: null });

    const missing = join(dir, 'no-such-folder', 'export.json');
    dialogAnswers.save = missing;
    expect(await h.invoke('transfer.export', { withSecrets: false })).toEqual({
      ok: false,
      error: {
        code: 'STORAGE_FAILED',
        message: `Could not write ${missing}: ENOENT: no such file or directory, open '${missing}.${process.pid}.tmp'`,
      },
    });
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('the open dialog cancelled: null; a token that is not the pending pick: NOT_FOUND', async () => {
    const { h } = await startWithWebhook();
    const path = await exportTo(h, false);
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: 'Pick the file to import again.' } };
    dialogAnswers.open = null;
    expect(await h.ok('transfer.openImport')).toBeNull();
    // Nothing picked yet.
    expect(await h.invoke('transfer.previewImport', { token: randomUUID() })).toEqual(notFound);

    dialogAnswers.open = path;
    const first = await h.ok('transfer.openImport');
    const second = await h.ok('transfer.openImport');
    expect(second?.token).not.toBe(first?.token);
    expect(await h.invoke('transfer.previewImport', { token: first?.token as string })).toEqual(notFound);
    await h.ok('transfer.applyImport', { token: second?.token as string });
    // Applied: the pick is gone.
    expect(await h.invoke('transfer.applyImport', { token: second?.token as string })).toEqual(notFound);
  });

  it('an API with the same name (in any case) gains the missing versions and keeps its id; its webhooks move to it', async () => {
    const { h } = await richProfile();
    const path = await exportTo(h, false);
    const target = await startHarness();
    const mine = await target.ok('apis.create', { name: 'invoices', versions: ['v4'] });
    const { preview, result } = await importFrom(target, path);
    expect(preview.apis).toEqual({ added: ['Receipts'], updated: ['invoices'] });
    const names = ['invoices v4 (https://example.com/a)', NAMES[1], 'invoices v3 (https://example.com/b)'];
    expect(result).toEqual({ added: names, replaced: [], skipped: [], freshSecrets: names });
    const apis = await target.ok('apis.list');
    expect(apis.map(({ id, name, versions }) => ({ id, name, versions }))).toEqual([
      { id: mine.id, name: 'invoices', versions: ['v4', 'v3'] },
      { id: shared(h).apis[1]?.id, name: 'Receipts', versions: ['v1'] },
    ]);
    expect(
      shared(target)
        .webhooks.filter((w) => w.apiId === mine.id)
        .map((w) => w.url),
    ).toEqual(['https://example.com/a', 'https://example.com/b']);
    // Its template moves to it too.
    expect(shared(target).templates).toEqual(shared(h).templates.map((t) => ({ ...t, apiId: mine.id })));
  });

  it('an API renamed here is still the same API by its id: it gains the new version and names the webhooks', async () => {
    const { h, api } = await startWithWebhook();
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    await h.ok('apis.update', { id: api.id, name: 'Billing' });
    const path = writeExport({
      ...plain,
      apis: plain.apis.map((a) => ({ ...a, versions: [...a.versions, 'v5'] })),
    });
    const { preview, result } = await importFrom(h, path);
    expect(preview).toEqual({
      withSecrets: false,
      apis: { added: [], updated: ['Billing'] },
      webhooks: { added: [], sameId: ['Billing v4 (https://example.com/a)'], duplicates: [], blocked: [] },
      templates: 0,
    });
    expect(result).toEqual({
      added: [],
      replaced: ['Billing v4 (https://example.com/a)'],
      skipped: [],
      freshSecrets: [],
    });
    expect(shared(h).apis.map(({ id, name, versions }) => ({ id, name, versions }))).toEqual([
      { id: api.id, name: 'Billing', versions: ['v4', 'v3', 'v5'] },
    ]);
  });

  it('a skipped webhook whose API is in neither the file nor here is named after "an unknown API"', async () => {
    const { h } = await startWithWebhook();
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const before = readFileSync(join(h.dir, 'config.json'), 'utf8');
    const path = writeExport({
      ...plain,
      apis: [],
      templates: [],
      webhooks: plain.webhooks.map((w) => ({ ...w, apiId: randomUUID() })),
    });
    const name = 'an unknown API v4 (https://example.com/a)';
    const { preview, result } = await importFrom(h, path, undefined, { sameId: 'skip' });
    expect(preview.webhooks).toEqual({ added: [], sameId: [name], duplicates: [], blocked: [] });
    expect(result).toEqual({ added: [], replaced: [], skipped: [name], freshSecrets: [] });
    expect(JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8'))).toEqual({
      ...JSON.parse(before),
      settings: plain.settings,
    });
  });

  it('a webhook whose API is in neither the file nor here: INVALID_FILE saying which, nothing changed', async () => {
    const { h } = await startWithWebhook();
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const target = await startHarness();
    const before = readFileSync(join(target.dir, 'config.json'), 'utf8');
    dialogAnswers.open = writeExport({ ...plain, apis: [], templates: [] });
    const opened = await target.ok('transfer.openImport');
    expect(await target.invoke('transfer.applyImport', { token: opened?.token as string })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FILE',
        message: `This export does not fit this configuration: the file: webhook ${plain.webhooks[0]?.id} points to an unknown API or version.`,
      },
    });
    expect(readFileSync(join(target.dir, 'config.json'), 'utf8')).toBe(before);
    expect(await secretsOf(target)).toEqual({});
  });

  it('same version and URL: added when asked, skipped by default even when only sameId is chosen', async () => {
    const { h } = await richProfile();
    const path = await exportTo(h, false);

    const { h: adding } = await startWithWebhook();
    const added = await importFrom(adding, path, undefined, { duplicates: 'add' });
    expect(added.preview.webhooks).toEqual({
      added: NAMES.slice(1),
      sameId: [],
      duplicates: [NAMES[0]],
      blocked: [],
    });
    expect(added.result).toEqual({ added: NAMES, replaced: [], skipped: [], freshSecrets: NAMES });
    expect(shared(adding).webhooks.filter((w) => w.url === 'https://example.com/a')).toHaveLength(2);

    const { h: skipping } = await startWithWebhook();
    const skipped = await importFrom(skipping, path, undefined, { sameId: 'skip' });
    expect(skipped.result).toEqual({
      added: NAMES.slice(1),
      replaced: [],
      skipped: [NAMES[0]],
      freshSecrets: NAMES.slice(1),
    });
    expect(shared(skipping).webhooks.filter((w) => w.url === 'https://example.com/a')).toHaveLength(1);
  });

  it('a duplicate has the same API, version and URL all three: any one different, the webhook is added', async () => {
    const { h, api } = await startWithWebhook();
    const receipts = await h.ok('apis.create', { name: 'Receipts', versions: ['v4'] });
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const [template] = plain.webhooks as [ExportFile['webhooks'][number]];
    const like = (apiId: string, version: string, url: string) => ({
      ...template,
      id: randomUUID(),
      apiId,
      version,
      url,
    });
    const path = writeExport({
      ...plain,
      webhooks: [
        like(api.id, 'v4', 'https://example.com/a'),
        like(api.id, 'v4', 'https://example.com/other'),
        like(api.id, 'v3', 'https://example.com/a'),
        like(receipts.id, 'v4', 'https://example.com/a'),
      ],
    });
    const added = [
      'Invoices v4 (https://example.com/other)',
      'Invoices v3 (https://example.com/a)',
      'Receipts v4 (https://example.com/a)',
    ];
    const { preview, result } = await importFrom(h, path);
    expect(preview.webhooks).toEqual({
      added,
      sameId: [],
      duplicates: ['Invoices v4 (https://example.com/a)'],
      blocked: [],
    });
    expect(result).toEqual({
      added,
      replaced: [],
      skipped: ['Invoices v4 (https://example.com/a)'],
      freshSecrets: added,
    });
    expect(shared(h).webhooks.map(({ apiId, version, url }) => [apiId, version, url])).toEqual([
      [api.id, 'v4', 'https://example.com/a'],
      [api.id, 'v4', 'https://example.com/other'],
      [api.id, 'v3', 'https://example.com/a'],
      [receipts.id, 'v4', 'https://example.com/a'],
    ]);
  });

  it('a file with a key of its own at the top: INVALID_FILE naming "the file"', async () => {
    const { h } = await startWithWebhook();
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    dialogAnswers.open = writeExport({ ...plain, extra: 1 } as ExportFile);
    const opened = await h.ok('transfer.openImport');
    expect(await h.invoke('transfer.previewImport', { token: opened?.token as string })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FILE',
        message: 'This export cannot be imported: the file: Unrecognized key: "extra".',
      },
    });
  });

  it('a file whose secrets do not match its webhooks is refused before anything is written', async () => {
    const { h, hook } = await startWithWebhook();
    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [
        { name: 'X-Api-Key', secret: true, value: 'key-value-1234' },
        { name: 'X-Team', secret: false, value: 'payments' },
      ],
    });
    const before = await secretsOf(h);
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const current = before[hook.id] as string;
    const otherId = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const cases: [string, ExportFile['secrets'], string][] = [
      [
        'two spellings of one header',
        { [hook.id]: { current, headers: { 'X-Api-Key': 'first-value', 'x-api-key': 'second-value' } } },
        `secrets.${hook.id}.headers.X-Api-Key: is not the lower-case name of a secret header of this webhook`,
      ],
      [
        'a value for a header that is not secret',
        { [hook.id]: { current, headers: { 'x-team': 'sales' } } },
        `secrets.${hook.id}.headers.x-team: is not the lower-case name of a secret header of this webhook`,
      ],
      [
        'secrets of a webhook the file does not hold',
        { [hook.id]: { current, headers: {} }, [otherId]: { current: 'whsec_other', headers: {} } },
        `secrets.${otherId}: belongs to no webhook of the file`,
      ],
    ];
    for (const [what, secrets, message] of cases) {
      const path = join(tempDir(), 'mismatched.json.age');
      writeFileSync(path, await encryptWithPassphrase(JSON.stringify({ ...plain, secrets }), PASSPHRASE, 12));
      dialogAnswers.open = path;
      const opened = await h.ok('transfer.openImport');
      expect(
        await h.invoke('transfer.applyImport', { token: opened?.token as string, passphrase: PASSPHRASE }),
        what,
      ).toEqual({
        ok: false,
        error: { code: 'INVALID_FILE', message: `This export cannot be imported: ${message}.` },
      });
    }
    expect(await secretsOf(h)).toEqual(before);
  });

  it('a webhook being rotated here is skipped, its rotation kept; a file carrying a rotation is refused', async () => {
    const { h, hook } = await richProfile();
    const path = await exportTo(h, false);
    await h.ok('rotation.roll', { id: hook.id });
    const rotated = storedWebhooks(h)[0] as Webhook;
    expect(rotated.rotation).toBeDefined();

    const { preview, result } = await importFrom(h, path);
    expect(preview.webhooks).toEqual({
      added: [],
      sameId: NAMES.slice(1),
      duplicates: [],
      blocked: [NAMES[0]],
    });
    expect(result).toEqual({ added: [], replaced: NAMES.slice(1), skipped: [NAMES[0]], freshSecrets: [] });
    expect(storedWebhooks(h)[0]).toEqual(rotated);

    const plain = JSON.parse(readFileSync(path, 'utf8')) as ExportFile;
    const target = await startHarness();
    dialogAnswers.open = writeExport({ ...plain, webhooks: [rotated] });
    const opened = await target.ok('transfer.openImport');
    expect(await target.invoke('transfer.previewImport', { token: opened?.token as string })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FILE',
        message: 'This export cannot be imported: webhooks.0: Unrecognized key: "rotation".',
      },
    });
  });

  it("an endpoint check stays when the import keeps the webhook's URL, goes when it changes it; a file carrying one is refused", async () => {
    const receiver = closeAfterEach(await startReceiver());
    const { h, api, hook } = await startWithWebhook();
    await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/a` });
    const moving = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v3',
      url: `${receiver.url}/b`,
    });
    const path = await exportTo(h, false);
    await h.ok('webhooks.updateUrl', { id: moving.id, url: `${receiver.url}/c` });
    const check = await h.ok('preflight.checkWebhook', { id: hook.id });
    await h.ok('preflight.checkWebhook', { id: moving.id });
    const [checked] = storedWebhooks(h);
    expect(checked?.endpointCheck).toEqual(check);

    const { result } = await importFrom(h, path);
    expect(result.replaced).toEqual([`Invoices v4 (${receiver.url}/a)`, `Invoices v3 (${receiver.url}/b)`]);
    const [kept, moved] = storedWebhooks(h);
    expect(kept).toEqual(checked);
    expect(moved?.url).toBe(`${receiver.url}/b`);
    expect(moved?.endpointCheck).toBeUndefined();

    const plain = JSON.parse(readFileSync(path, 'utf8')) as ExportFile;
    const target = await startHarness();
    dialogAnswers.open = writeExport({
      ...plain,
      webhooks: [{ ...plain.webhooks[0], endpointCheck: check } as Webhook],
    });
    const opened = await target.ok('transfer.openImport');
    expect(await target.invoke('transfer.previewImport', { token: opened?.token as string })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FILE',
        message: 'This export cannot be imported: webhooks.0: Unrecognized key: "endpointCheck".',
      },
    });
  });

  it("an export's template replaces only the one of its own API and version here", async () => {
    const { h, api } = await startWithWebhook();
    const receipts = await h.ok('apis.create', { name: 'Receipts', versions: ['v3'] });
    await h.ok('templates.save', { apiId: api.id, version: 'v4', json: '{"n":1}' });
    await h.ok('templates.save', { apiId: receipts.id, version: 'v3', json: '{"n":2}' });
    await h.ok('templates.save', { apiId: api.id, version: 'v3', json: '{"n":3}' });
    const plain = JSON.parse(readFileSync(await exportTo(h, false), 'utf8')) as ExportFile;
    const [first, second] = shared(h).templates;
    const imported = {
      apiId: api.id,
      version: 'v3',
      json: '{"imported":true}',
      updatedAt: '2026-01-02T03:04:05.000Z',
    };
    const { preview } = await importFrom(h, writeExport({ ...plain, templates: [imported] }));
    expect(preview.templates).toBe(1);
    expect(shared(h).templates).toEqual([first, second, imported]);
  });

  it('the command line asks for no file: "choosing" one is cancelled; its files are read and written whole', async () => {
    const path = join(tempDir(), 'named.json');
    expect(await commandLineTransferFiles.chooseSaveFile('hookwarden-configuration.json')).toBeNull();
    expect(await commandLineTransferFiles.chooseOpenFile()).toBeNull();
    await commandLineTransferFiles.write(path, Buffer.from('{"n":1}'));
    expect(Buffer.from(await commandLineTransferFiles.read(path)).toString()).toBe('{"n":1}');
    expect(readdirSync(dirname(path))).toEqual(['named.json']);
  });
});

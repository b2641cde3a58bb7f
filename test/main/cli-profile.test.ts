/**
 * The command line over a profile (issue 14): the built out/cli/hookwarden.js as a real process, on a temp data
 * dir and the test run's private keyring. What it does is checked through the app's own services opened on the
 * same folder (the config, the keychain items, the delivery log), and deliveries with the official verifiers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Decrypter } from 'age-encryption';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import type { Delivery } from '../../src/shared/delivery';
import type { Api, WebhookView } from '../../src/shared/domain';
import { assertCliBuilt, runCli, startCli, type Ran } from '../support/cli-process';
import { freePort } from '../support/free-port';
import { manualSchedule } from '../support/clock';
import { onMainEvent, startHarness, type Harness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';
import { tempDir } from '../support/temp';
import { verifyDelivery } from '../support/verifiers';

const receivers: Receiver[] = [];
const harnesses: Harness[] = [];
/** Everything any command printed, scanned for secrets at the end. */
const printed: string[] = [];

afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const harness of harnesses.splice(0)) await harness.services.inbox.stop();
});

beforeAll(assertCliBuilt);

async function cli(dir: string, ...args: string[]): Promise<Ran> {
  const ran = await runCli(dir, args);
  printed.push(ran.stdout, ran.stderr);
  return ran;
}

/** `--json` output of a command that must succeed. */
async function json<T>(dir: string, ...args: string[]): Promise<T> {
  const ran = await cli(dir, '--json', ...args);
  expect(ran, args.join(' ')).toMatchObject({ code: 0 });
  return JSON.parse(ran.stdout) as T;
}

/** The app's services on the same profile, with the app's own keychain service, to check what the CLI did. */
async function appOn(dir: string): Promise<Harness> {
  const harness = await startHarness({ dir, vault: createKeytarVault() });
  harnesses.push(harness);
  return harness;
}

async function profileWithWebhook(scheme = 'stripe', url = 'https://a.example.com/hooks') {
  const dir = tempDir();
  await json<Api>(dir, 'apis', 'create', 'Invoices', '--versions', 'v1,v2');
  const webhook = await json<WebhookView>(
    dir,
    'webhooks',
    'create',
    '--api',
    'invoices',
    '--version',
    'v1',
    '--url',
    url,
    '--scheme',
    scheme,
  );
  return { dir, webhook };
}

async function receiver(status = 200): Promise<Receiver> {
  const started = await startReceiver((_request, response: ServerResponse) =>
    response.writeHead(status).end(),
  );
  receivers.push(started);
  return started;
}

describe('apis and webhooks', () => {
  it('create, list, edit, pause, resume and delete: the app reads exactly what the CLI wrote', async () => {
    const { dir, webhook } = await profileWithWebhook();
    expect(webhook).toMatchObject({ version: 'v1', url: 'https://a.example.com/hooks', scheme: 'stripe' });

    const apis = await json<(Api & { webhooks: number })[]>(dir, 'apis', 'list');
    expect(apis).toEqual([
      {
        id: webhook.apiId,
        name: 'Invoices',
        versions: ['v1', 'v2'],
        createdAt: expect.any(String),
        webhooks: 1,
      },
    ]);
    const text = await cli(dir, 'webhooks', 'list');
    expect(text.stdout.split('\n')[0]).toMatch(/^ID +API +VERSION +SCHEME +URL +STATE$/);
    expect(text.stdout).toContain(
      `${webhook.id}  Invoices  v1       stripe  https://a.example.com/hooks  active`,
    );

    const edited = await json<WebhookView>(
      dir,
      'webhooks',
      'edit',
      webhook.id,
      '--url',
      'https://b.example.com/hooks',
      '--version',
      'v2',
      '--description',
      'billing',
    );
    expect(edited).toMatchObject({
      url: 'https://b.example.com/hooks',
      version: 'v2',
      description: 'billing',
    });
    expect(await json<WebhookView>(dir, 'webhooks', 'pause', webhook.id)).toMatchObject({ paused: true });

    const app = await appOn(dir);
    const [seen] = await app.ok('webhooks.list', { apiId: webhook.apiId });
    expect(seen).toMatchObject({
      id: webhook.id,
      url: 'https://b.example.com/hooks',
      version: 'v2',
      paused: true,
      secretMissing: false,
    });

    expect(await json<WebhookView>(dir, 'webhooks', 'resume', webhook.id)).toMatchObject({ paused: false });
    expect(await json(dir, 'webhooks', 'delete', webhook.id)).toEqual({ id: webhook.id, deleted: true });
    expect(await json(dir, 'apis', 'delete', 'Invoices')).toEqual({ id: webhook.apiId, deletedWebhooks: 0 });
    expect(await json(dir, 'apis', 'list')).toEqual([]);
    // The webhook's secret went with it.
    expect(await createKeytarVault().get(app.account(webhook.id))).toBeNull();
  });

  it('a webhook is named by its id, a unique start of its id or its URL; otherwise exit 4 or 2', async () => {
    const { dir, webhook } = await profileWithWebhook();
    for (const ref of [webhook.id, webhook.id.slice(0, 6), webhook.url]) {
      expect((await json<WebhookView>(dir, 'webhooks', 'pause', ref)).id, ref).toBe(webhook.id);
    }
    expect(await cli(dir, 'webhooks', 'pause', 'https://nowhere.example.com/')).toMatchObject({
      code: 4,
      stderr: 'hookwarden: No webhook matches "https://nowhere.example.com/".\n',
    });
    // Two webhooks: the empty prefix matches both.
    const second = await json<WebhookView>(
      dir,
      'webhooks',
      'create',
      '--api',
      webhook.apiId,
      '--version',
      'v2',
      '--url',
      'https://c.example.com/',
    );
    const ambiguous = await cli(dir, 'webhooks', 'pause', '');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`matches 2 webhooks: ${webhook.id}`);
    expect(ambiguous.stderr).toContain(second.id);
  });

  it('bad input exits 2 with the rule it broke, and changes nothing', async () => {
    const { dir, webhook } = await profileWithWebhook();
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const cases: [string[], RegExp][] = [
      [['webhooks', 'edit', webhook.id, '--url', 'ftp://x.example.com'], /http/i],
      [['webhooks', 'edit', webhook.id, '--version', 'v9'], /Invoices has no product version "v9"/],
      [['webhooks', 'edit', webhook.id], /Say what to change/],
      [['webhooks', 'roll', webhook.id, '--keep-old-for', '3d'], /keepOldFor/],
      [['apis', 'create', 'Invoices', '--versions', 'v1'], /Invoices/],
    ];
    for (const [args, message] of cases) {
      const ran = await cli(dir, ...args);
      expect({ code: ran.code, stderr: ran.stderr }, args.join(' ')).toEqual({
        code: 2,
        stderr: expect.stringMatching(message),
      });
    }
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('without a keychain: exit 3, and no webhook is half made', async () => {
    const dir = tempDir();
    await json(dir, 'apis', 'create', 'Invoices', '--versions', 'v1');
    const ran = await runCli(
      dir,
      ['webhooks', 'create', '--api', 'Invoices', '--version', 'v1', '--url', 'https://a.example.com/'],
      {
        noKeychain: true,
      },
    );
    expect(ran.code).toBe(3);
    expect(ran.stderr).toMatch(/^hookwarden: .*keychain|keyring|Secret Service/i);
    expect(await json(dir, 'webhooks', 'list')).toEqual([]);
  });

  it('a data folder that cannot be made: exit 5 with the reason', async () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'file'), '');
    const ran = await cli(join(parent, 'file', 'profile'), 'apis', 'list');
    expect(ran.code).toBe(5);
    expect(ran.stderr).toMatch(/^hookwarden: Could not open the configuration in .*: ENOTDIR/);
  });
});

describe('secrets', () => {
  it('show refuses a pipe unless --force, then prints exactly the keychain’s secret', async () => {
    const { dir, webhook } = await profileWithWebhook();
    const refused = await cli(dir, 'secrets', 'show', webhook.id);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/not a terminal.*--force/),
    });
    const shown = await runCli(dir, ['secrets', 'show', webhook.id, '--force']);
    const app = await appOn(dir);
    const { secret } = await app.ok('secrets.reveal', { id: webhook.id });
    expect(shown).toEqual({ code: 0, stdout: `${secret}\n`, stderr: '' });
  });

  it('regenerate gives a new secret; roll keeps the old one signing beside the new one for the overlap', async () => {
    const { dir, webhook } = await profileWithWebhook('stripe');
    const app = await appOn(dir);
    const first = (await app.ok('secrets.reveal', { id: webhook.id })).secret;
    await json(dir, 'webhooks', 'regenerate', webhook.id);
    const second = (await app.ok('secrets.reveal', { id: webhook.id })).secret;
    expect(second).not.toBe(first);

    const rolled = await json<WebhookView>(dir, 'webhooks', 'roll', webhook.id, '--keep-old-for', '1h');
    expect(rolled.rotation).toMatchObject({ phase: 'overlap' });
    // Opened after the roll: this one has not read the config since (the app would have, by watching it).
    const later = await appOn(dir);
    const current = (await later.ok('secrets.reveal', { id: webhook.id })).secret;
    const previous = (await later.ok('secrets.reveal', { id: webhook.id, role: 'previous' })).secret;
    expect([current === second, previous]).toEqual([false, second]);
  });
});

describe('the app watching the profile', () => {
  it('a roll and a send by the command line: the app hears of both, sets the overlap’s end, shows the record', async () => {
    const r = await receiver(202);
    const { dir, webhook } = await profileWithWebhook('stripe', `${r.url}/hooks`);
    const timers = manualSchedule();
    const app = await startHarness({
      dir,
      vault: createKeytarVault(),
      schedule: timers.schedule,
      watchProfile: true,
    });
    harnesses.push(app);
    const heard: string[] = [];
    const stop = onMainEvent((event) => heard.push(event));
    try {
      expect(timers.pending()).toEqual([]);
      await json(dir, 'webhooks', 'roll', webhook.id, '--keep-old-for', '1h');
      await expect.poll(() => heard).toContain('config.changed');

      const sent = await json<{ delivery: Delivery }>(dir, 'send', webhook.id);
      await expect.poll(() => heard).toContain('deliveries.changed');
      const shown = await app.ok('deliveries.list', { webhookId: webhook.id });
      expect(shown.map((delivery) => delivery.id)).toEqual([sent.delivery.id]);
    } finally {
      stop();
      app.stopWatching();
    }
    // One timer, due when the hour of overlap the command line started is over (a few seconds have passed).
    const hour = 60 * 60 * 1000;
    const [due, ...others] = timers.pending();
    expect(others).toEqual([]);
    expect(due).toBeGreaterThan(hour - 60_000);
    expect(due).toBeLessThanOrEqual(hour);
  });
});

describe('send and deliveries', () => {
  it('send <webhook> signs with the stored secret; deliveries list shows it; the app takes it into its log', async () => {
    const r = await receiver(202);
    const { dir, webhook } = await profileWithWebhook('standard-webhooks', `${r.url}/hooks`);
    const sent = await json<{ ok: boolean; delivery: Delivery }>(dir, 'send', webhook.id);
    expect(sent).toMatchObject({ ok: true, delivery: { webhookId: webhook.id, response: { status: 202 } } });

    const payload = join(tempDir(), 'payload.json');
    writeFileSync(payload, '{"type":"invoice.paid","amount":42}');
    const second = await cli(dir, 'send', webhook.url, '--payload', payload);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^202 Accepted \(\d+ ms\) — delivery [0-9a-f-]{36}\n$/);
    expect(r.received[1]?.body).toBe('{"type":"invoice.paid","amount":42}');

    const listed = await json<Delivery[]>(dir, 'deliveries', 'list', webhook.id);
    expect(listed.map((d) => d.request.body)).toEqual([
      '{"type":"invoice.paid","amount":42}',
      sent.delivery.request.body,
    ]);
    expect(listed[1]?.id).toBe(sent.delivery.id);

    const app = await appOn(dir);
    const { secret } = await app.ok('secrets.reveal', { id: webhook.id });
    for (const received of r.received)
      expect(await verifyDelivery('standard-webhooks', secret, received)).toBe(true);
    expect((await app.ok('deliveries.list', { webhookId: webhook.id })).map((d) => d.id)).toEqual(
      listed.map((d) => d.id),
    );
  });

  it('a delivery that takes over a second says so on stderr (progress), never on stdout', async () => {
    const slow = await startReceiver((_request, response: ServerResponse) => {
      setTimeout(() => response.writeHead(200).end(), 1500);
    });
    receivers.push(slow);
    const { dir, webhook } = await profileWithWebhook('github', `${slow.url}/hooks`);
    const sent = await cli(dir, '--json', 'send', webhook.id);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toBe(`Sending to ${slow.url}/hooks…\n`);
    expect(JSON.parse(sent.stdout)).toMatchObject({ ok: true });
  });

  it('a failed delivery exits 1 and says why; a payload that is not JSON exits 2', async () => {
    const r = await receiver(500);
    const { dir, webhook } = await profileWithWebhook('mindee', `${r.url}/hooks`);
    const failed = await cli(dir, 'send', webhook.id);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('failed: 500 Internal Server Error');
    const notJson = join(tempDir(), 'payload.txt');
    writeFileSync(notJson, 'hello');
    expect(await cli(dir, 'send', webhook.id, '--payload', notJson)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not JSON'),
    });
    expect(r.received).toHaveLength(1);

    // Paused: refused (as the window asks first), unless --force.
    await json(dir, 'webhooks', 'pause', webhook.id);
    expect(await cli(dir, 'send', webhook.id)).toMatchObject({
      code: 2,
      stderr: `hookwarden: The webhook ${webhook.url} is paused: add --force to send to it anyway.\n`,
    });
    expect(r.received).toHaveLength(1);
    expect((await cli(dir, 'send', webhook.id, '--force')).code).toBe(1);
    expect(r.received).toHaveLength(2);
  });
});

describe('export and import', () => {
  it('with secrets: into an empty profile, the same config and secrets; the file opens with age-encryption', async () => {
    const { dir, webhook } = await profileWithWebhook('github');
    const file = join(tempDir(), 'hooks.json.age');
    const env = { PASS: 'correct horse battery staple' };
    const exported = await runCli(
      dir,
      ['export', '--with-secrets', '--passphrase-env', 'PASS', '--out', file],
      { env },
    );
    expect(exported).toMatchObject({ code: 0, stdout: `Exported with secrets (encrypted) to ${file}.\n` });

    const other = tempDir();
    const imported = await runCli(other, ['--json', 'import', file, '--passphrase-env', 'PASS'], { env });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      result: { added: [expect.stringContaining('a.example.com')], freshSecrets: [] },
    });
    const source = await appOn(dir);
    const target = await appOn(other);
    expect(await target.ok('apis.list')).toEqual(await source.ok('apis.list'));
    expect(await target.ok('secrets.reveal', { id: webhook.id })).toEqual(
      await source.ok('secrets.reveal', { id: webhook.id }),
    );

    const decrypter = new Decrypter();
    decrypter.addPassphrase(env.PASS);
    const opened = JSON.parse(await decrypter.decrypt(readFileSync(file), 'text')) as { format: string };
    expect(opened.format).toBe('hookwarden-configuration');

    // Again: nothing new. A wrong passphrase: exit 2, nothing changed.
    const again = await runCli(other, ['--json', 'import', file, '--passphrase-env', 'PASS'], { env });
    expect(JSON.parse(again.stdout).result).toMatchObject({ added: [], freshSecrets: [] });
    const before = readFileSync(join(other, 'config.json'), 'utf8');
    const wrong = await runCli(other, ['import', file, '--passphrase-env', 'PASS'], {
      env: { PASS: 'not the passphrase' },
    });
    expect(wrong.code).toBe(2);
    expect(readFileSync(join(other, 'config.json'), 'utf8')).toBe(before);
  });

  it('plain: no secret in the file; imported webhooks get fresh secrets, listed; --dry-run changes nothing', async () => {
    const { dir, webhook } = await profileWithWebhook();
    const file = join(tempDir(), 'hooks.json');
    expect((await cli(dir, 'export', '--out', file)).code).toBe(0);
    const source = await appOn(dir);
    const { secret } = await source.ok('secrets.reveal', { id: webhook.id });
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    expect(readFileSync(file, 'utf8')).not.toMatch(/whsec_/);

    const other = tempDir();
    const dry = await json<{ preview: { webhooks: { added: string[] } } }>(
      other,
      'import',
      file,
      '--dry-run',
    );
    expect(dry.preview.webhooks.added).toHaveLength(1);
    expect(await json(other, 'webhooks', 'list')).toEqual([]);

    const imported = await cli(other, 'import', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      'These webhooks got new signing secrets; give them to their receivers:\n  Invoices v1 (https://a.example.com/hooks)',
    );
    const target = await appOn(other);
    expect((await target.ok('secrets.reveal', { id: webhook.id })).secret).not.toBe(secret);

    const notExport = join(tempDir(), 'other.json');
    writeFileSync(notExport, '{"hello":"world"}');
    expect(await cli(other, 'import', notExport)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^hookwarden: /),
    });
  });
});

describe('doctor, check and receive', () => {
  it('doctor: a request signed with the secret is Valid (exit 0); the same request with a changed body is not (exit 1)', async () => {
    const { dir, webhook } = await profileWithWebhook('stripe');
    const bodyFile = join(tempDir(), 'body.json');
    writeFileSync(bodyFile, '{"id":"evt_1"}');
    const app = await appOn(dir);
    const { secret } = await app.ok('secrets.reveal', { id: webhook.id });
    const signed = await runCli(
      null,
      ['sign', '--scheme', 'stripe', '--secret-env', 'S', '--body', bodyFile],
      {
        env: { S: secret },
      },
    );
    const request = (body: string) =>
      `POST /hooks HTTP/1.1\nHost: a.example.com\nContent-Type: application/json\n${signed.stdout}\n${body}`;
    const file = join(tempDir(), 'request.txt');
    writeFileSync(file, request('{"id":"evt_1"}'));
    const valid = await cli(dir, 'doctor', '--request', file, '--webhook', webhook.id);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/^Valid: /);
    writeFileSync(file, request('{"id":"evt_2"}'));
    const invalid = await cli(dir, '--json', 'doctor', '--request', file, '--webhook', webhook.id);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout).report.verdict.valid).toBe(false);
  });

  it('check: each check with its outcome; a closed port fails (exit 1)', async () => {
    const r = await receiver(200);
    const { dir, webhook } = await profileWithWebhook('mindee', `${r.url}/hooks`);
    const passed = await json<{ checks: { id: string; outcome: string }[] }>(dir, 'check', webhook.id);
    expect(passed.checks.map((check) => check.id)).toEqual([
      'url',
      'dns',
      'tcp',
      'tls',
      'redirects',
      'response',
    ]);
    expect(passed.checks.find((check) => check.id === 'response')?.outcome).toBe('pass');
    const text = await cli(dir, 'check', webhook.id);
    expect(text.code).toBe(0);
    expect(text.stdout.match(/^[A-Z]{4} {2}[^:]+:/gm)).toEqual([
      'WARN  URL:',
      'SKIP  DNS:',
      'PASS  TCP connect:',
      'SKIP  TLS:',
      'PASS  Redirects:',
      'PASS  Response:',
    ]);

    const closed = `http://127.0.0.1:${await freePort()}/hooks`;
    await json(dir, 'webhooks', 'edit', webhook.id, '--url', closed);
    const failed = await cli(dir, 'check', webhook.id);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^FAIL {2}TCP connect: /m);
  });

  it('receive: prints each request as it arrives (a JSON line each), stops at Ctrl+C with exit 0', async () => {
    const dir = tempDir();
    const port = await freePort();
    const running = startCli(dir, ['--json', 'receive', '--port', String(port), '--status', '503']);
    await running.printed(/Listening on http:\/\/127\.0\.0\.1:/);
    const answer = await fetch(`http://127.0.0.1:${port}/hooks?x=1`, { method: 'POST', body: '{"n":1}' });
    expect(answer.status).toBe(503);
    await running.printed(/"path":"\/hooks\?x=1"/);
    expect(await running.interrupt()).toBe(0);
    const line = JSON.parse(running.stdout().trim()) as { method: string; bodyBase64: string };
    expect(line.method).toBe('POST');
    expect(Buffer.from(line.bodyBase64, 'base64').toString()).toBe('{"n":1}');
  });
});

describe('help and secrets in output', () => {
  it('every command’s --help lists its options', async () => {
    const expected: [string[], string[]][] = [
      [
        ['webhooks', 'create'],
        ['--api', '--version', '--url', '--scheme', '--description'],
      ],
      [
        ['webhooks', 'roll'],
        ['--keep-old-for', '--end-overlap'],
      ],
      [
        ['secrets', 'show'],
        ['--role', '--force'],
      ],
      [['export'], ['--out', '--with-secrets', '--passphrase-env']],
      [['import'], ['--passphrase-env', '--same-id', '--duplicates', '--dry-run']],
      [['doctor'], ['--request', '--webhook', '--secret-env', '--scheme']],
      [['receive'], ['--port', '--status']],
      [['apis', 'delete'], ['--with-webhooks']],
    ];
    for (const [command, options] of expected) {
      const { code, stdout } = await runCli(tempDir(), [...command, '--help']);
      expect(code).toBe(0);
      for (const option of options) expect(stdout, command.join(' ')).toContain(option);
    }
  });

  it('no command printed a secret, except `secrets show`', async () => {
    const all = printed.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toMatch(/whsec_[A-Za-z0-9+/=]{20,}/);
  });
});

describe('secrets copy', () => {
  /** A private X server (Xvfb): the clipboard that xsel, and so the CLI, use on Linux. */
  async function startXServer(): Promise<{ display: string; stop(): void }> {
    const number = [...Array(40).keys()].map((n) => n + 90).find((n) => !existsSync(`/tmp/.X11-unix/X${n}`));
    const server = spawn('Xvfb', [`:${number}`, '-nolisten', 'tcp'], { stdio: 'ignore' });
    while (!existsSync(`/tmp/.X11-unix/X${number}`)) await new Promise((wake) => setTimeout(wake, 50));
    return { display: `:${number}`, stop: () => server.kill() };
  }

  const clipboardText = (display: string) =>
    execFileSync('xsel', ['--clipboard', '--output'], {
      env: { ...process.env, DISPLAY: display },
    }).toString();

  it('copies the secret, and Ctrl+C clears the clipboard now (it would after 30 s); nothing printed holds it', async () => {
    const { dir, webhook } = await profileWithWebhook();
    const app = await appOn(dir);
    const { secret } = await app.ok('secrets.reveal', { id: webhook.id });
    const x = await startXServer();
    try {
      const running = startCli(dir, ['secrets', 'copy', webhook.id], {
        DISPLAY: x.display,
        WAYLAND_DISPLAY: '',
      });
      await running.printed(/The clipboard is cleared in 30 s \(Ctrl\+C clears it now\)/);
      expect(clipboardText(x.display)).toBe(secret);
      expect(await running.interrupt()).toBe(0);
      expect(clipboardText(x.display)).toBe('');
      expect(running.stdout()).not.toContain(secret);
    } finally {
      x.stop();
    }
  });

  it('with no display: exit 1, and says the clipboard needs a desktop session', async () => {
    const { dir, webhook } = await profileWithWebhook();
    const ran = await runCli(dir, ['secrets', 'copy', webhook.id], {
      env: { DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^hookwarden: The clipboard cannot be used here .*needs a desktop session/);
  });
});

/**
 * The `hookwarden` command line as a real process (the built out/cli/hookwarden.js on plain Node), outside the
 * test keyring's D-Bus session: `sign` prints headers the official libraries verify; `send` exits 0 only on a
 * 2xx and says why otherwise; usage mistakes exit 2; the secret never appears in what it prints.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_SCHEMES } from '../../src/shared/domain';
import { freePort } from '../support/free-port';
import { startReceiver, type Receiver } from '../support/receiver';
import { tempDir } from '../support/temp';
import { verifyDelivery } from '../support/verifiers';

const CLI = join(import.meta.dirname, '../../out/cli/hookwarden.js');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the secret in HOOK_SECRET and no D-Bus session (no keychain at all). */
function hookwarden(...args: string[]): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOOK_SECRET: SECRET };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

let body: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
  body = join(tempDir(), 'body.json');
  writeFileSync(body, '{"type":"ping","ü":"✓"}\n');
});

describe('hookwarden sign', () => {
  it.each(SIGNATURE_SCHEMES)('%s: the printed headers verify with the official library', async (scheme) => {
    const { code, stdout, stderr } = await hookwarden(
      '--json',
      'sign',
      '--scheme',
      scheme,
      '--secret-env',
      'HOOK_SECRET',
      '--body',
      body,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { headers } = JSON.parse(stdout) as { headers: Record<string, string> };
    const received = {
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      body: '{"type":"ping","ü":"✓"}\n',
    };
    expect(await verifyDelivery(scheme, SECRET, received)).toBe(true);
    expect(stdout).not.toContain(SECRET);
  });

  it('text output: one "Name: value" line per header', async () => {
    const { stdout } = await hookwarden(
      'sign',
      '--scheme',
      'github',
      '--secret-env',
      'HOOK_SECRET',
      '--body',
      body,
    );
    expect(stdout).toMatch(
      /^X-GitHub-Event: ping\nX-GitHub-Delivery: [0-9a-f-]{36}\nX-Hub-Signature-256: sha256=[0-9a-f]{64}\n$/,
    );
  });

  it('usage mistakes exit 2 and say why: unknown scheme, unset variable, missing option, unreadable file', async () => {
    const cases: [string[], RegExp][] = [
      [['sign', '--scheme', 'hmac', '--secret-env', 'HOOK_SECRET', '--body', body], /Unknown scheme "hmac"/],
      [
        ['sign', '--scheme', 'stripe', '--secret-env', 'NOT_SET_ANYWHERE', '--body', body],
        /NOT_SET_ANYWHERE is not set/,
      ],
      [['sign', '--scheme', 'stripe', '--body', body], /required option '--secret-env/],
      [
        ['sign', '--scheme', 'stripe', '--secret-env', 'HOOK_SECRET', '--body', '/nonexistent'],
        /Cannot read \/nonexistent/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await hookwarden(...args);
      expect({ code, stderr }, args.join(' ')).toEqual({ code: 2, stderr: expect.stringMatching(message) });
    }
  });
});

describe('hookwarden send', () => {
  async function receiver(status: number, delayMs = 0) {
    const started = await startReceiver((_request, response: ServerResponse) => {
      setTimeout(() => response.writeHead(status).end(), delayMs);
    });
    receivers.push(started);
    return started;
  }

  it('2xx: exit 0, and the receiver verifies the delivery with the official library', async () => {
    const r = await receiver(204);
    const { code, stdout } = await hookwarden(
      'send',
      '--url',
      `${r.url}/hooks`,
      '--scheme',
      'standard-webhooks',
      '--secret-env',
      'HOOK_SECRET',
      '--payload',
      body,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^204 No Content \(\d+ ms\)\n$/);
    expect(await verifyDelivery('standard-webhooks', SECRET, r.received[0] as never)).toBe(true);
  });

  it('500, refused and timeout: exit 1 with the failure in plain words on stderr', async () => {
    const failing = await receiver(500);
    const slow = await receiver(200, 3000);
    const closed = `http://127.0.0.1:${await freePort()}/hooks`;
    const cases: [string, string[], RegExp][] = [
      [`${failing.url}/hooks`, [], /The endpoint answered 500 Internal Server Error/],
      [closed, [], /Connection refused/],
      [`${slow.url}/hooks`, ['--timeout', '1'], /Timeout: .* did not answer within 1 s/],
    ];
    for (const [url, extra, message] of cases) {
      const { code, stderr } = await hookwarden(
        'send',
        '--url',
        url,
        '--scheme',
        'mindee',
        '--secret-env',
        'HOOK_SECRET',
        ...extra,
      );
      expect({ code, stderr }, url).toEqual({ code: 1, stderr: expect.stringMatching(message) });
      expect(stderr).not.toContain(SECRET);
    }
  });

  it('--json: stable fields for scripts', async () => {
    const r = await receiver(200);
    const { stdout } = await hookwarden(
      '--json',
      'send',
      '--url',
      r.url,
      '--scheme',
      'stripe',
      '--secret-env',
      'HOOK_SECRET',
    );
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      status: 200,
      durationMs: expect.any(Number),
      summary: '200 OK',
    });
  });

  it('runs as `npx hookwarden` in the checkout (the bin of package.json, executable)', async () => {
    const ran = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('npx', ['--no-install', 'hookwarden', '--help'], (error, stdout) =>
        resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Usage: hookwarden \[options\] \[command\]\n/);
  });

  it('--help says every option and the exit codes', async () => {
    const { code, stdout } = await hookwarden('send', '--help');
    expect(code).toBe(0);
    for (const option of ['--url', '--scheme', '--secret-env', '--payload', '--timeout'])
      expect(stdout).toContain(option);
    expect((await hookwarden('--help')).stdout).toContain('Exit codes: 0 ok; 1 a delivery or check failed');
  });
});

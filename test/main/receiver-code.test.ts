/**
 * Receiver code: every Node, Python, PHP and Ruby snippet runs as its own process on 127.0.0.1 and must accept
 * the app's real deliveries (the real core, the real keychain) and refuse them with one byte changed; during a
 * rotation it must accept either secret. The Next.js route handlers run in a stand-in for Next.js's server
 * (test/support/next-route-host.mjs) and are type-checked; Go, PHP and Ruby snippets are syntax-checked where
 * the toolchain is there (Go's is not installed: too large).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { signatureHeaders } from '../../src/main/deliveries/signing';
import { receiverCode, receiverEnv } from '../../src/main/receiver-code/receiver-code';
import { RECEIVER_LANGUAGES, type ReceiverLanguage } from '../../src/shared/receiver-code';
import type { Delivery } from '../../src/shared/delivery';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../src/shared/domain';
import { MULTI_SIGNATURE_SCHEMES, type Rotation } from '../../src/shared/rotation';
import { startWithWebhook } from '../support/fixtures';
import type { Harness } from '../support/main-harness';
import {
  freePort,
  warmGoCache,
  typeCheck,
  hasSinatra,
  missingPythonModules,
  onPath,
  PYTHON,
  startSnippet,
  type SnippetServer,
} from '../support/snippet-server';
import { tempDir } from '../support/temp';

const SIGNATURE_HEADER: Record<SignatureScheme, string> = {
  mindee: 'X-Mindee-Hmac-Signature',
  'standard-webhooks': 'webhook-signature',
  stripe: 'Stripe-Signature',
  github: 'X-Hub-Signature-256',
};

/** The schemes whose signature covers a timestamp, which a receiver holds to 5 minutes. */
const TIMESTAMPED = new Set<SignatureScheme>(['stripe', 'standard-webhooks']);

/** The official library each Node snippet must use ('node:crypto': plain HMAC, Mindee has none). */
const NODE_LIBRARY: Record<SignatureScheme, string> = {
  mindee: "from 'node:crypto'",
  'standard-webhooks': "from 'standardwebhooks'",
  stripe: "from 'stripe'",
  github: "from '@octokit/webhooks-methods'",
};

const hasPhp = onPath('php');
const hasRuby = onPath('ruby');
const hasGofmt = onPath('gofmt');
const missingPython = missingPythonModules();

/**
 * What makes handed-out code look unkempt: trailing spaces, more blank lines in a row than the language's style
 * (PEP 8: two), a blank line just inside a bracket or a block (after its opening or before its end), or between
 * a comment and what it describes.
 */
function untidyLines(code: string, language: ReceiverLanguage): string[] {
  const maxBlank = language.startsWith('python') ? 2 : 1;
  const problems: string[] = [];
  if (!code.endsWith('\n') || code.endsWith('\n\n')) problems.push('does not end with exactly one newline');
  const lines = code.split('\n').slice(0, -1);
  let blankRun = 0;
  lines.forEach((line, index) => {
    const before = lines[index - 1] ?? '';
    if (line !== line.trimEnd()) problems.push(`line ${index + 1}: trailing spaces`);
    blankRun = line === '' ? blankRun + 1 : 0;
    if (blankRun > maxBlank) problems.push(`line ${index + 1}: ${blankRun} blank lines in a row`);
    const isComment = /^\s*(\/\/|#)/.test(before) && !before.includes('Hookwarden receiver:');
    if (line === '' && (/[{([:]$/.test(before) || isComment)) {
      problems.push(`line ${index + 1}: blank after "${before.trim()}"`);
    }
    if (line === '' && /^\s*([})\]]|end$)/.test(lines[index + 1] ?? '')) {
      problems.push(`line ${index + 1}: blank before "${lines[index + 1]?.trim()}"`);
    }
  });
  return problems;
}

describe('the generated code', () => {
  const every = RECEIVER_LANGUAGES.flatMap((language) =>
    SIGNATURE_SCHEMES.flatMap((scheme) => [1, 2].map((secretCount) => ({ language, scheme, secretCount }))),
  ) as { language: ReceiverLanguage; scheme: SignatureScheme; secretCount: 1 | 2 }[];

  it('reads the secrets from the environment, the previous one only during a rotation', () => {
    for (const input of every) {
      const { code, run, filename, label, language } = receiverCode(input);
      expect(language).toBe(input.language);
      expect(label).not.toBe('');
      expect(filename).toMatch(/^[\w/.-]+$/);
      expect(code).toContain('HOOKWARDEN_SECRET');
      expect(code.includes('HOOKWARDEN_PREVIOUS_SECRET')).toBe(input.secretCount === 2);
      expect(code.includes('During a rotation both secrets are valid')).toBe(input.secretCount === 2);
      expect(code).toContain('exact bytes sent'); // the raw-body comment
      expect(code).not.toMatch(/whsec_[A-Za-z0-9+/]{8}/); // never a secret value
      expect(run.split('\n').length).toBeGreaterThanOrEqual(1);
      expect(run.split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  it('says on its first line what it verifies, and is tidy: no trailing spaces, no stray blank lines', () => {
    for (const input of every) {
      const { code } = receiverCode(input);
      const lines = code.split('\n');
      const title = lines.findIndex((line) => line.includes('Hookwarden receiver: verifies'));
      expect(title, `${input.language}`).toBe(input.language === 'php' ? 1 : 0); // PHP: after <?php
      expect(lines[title]).toContain(SIGNATURE_HEADER[input.scheme]);
      expect(untidyLines(code, input.language), `${input.language} ${input.scheme}`).toEqual([]);
    }
  });

  it('says how to run it: what to install, then the command', () => {
    const runs = (scheme: SignatureScheme) =>
      Object.fromEntries(
        RECEIVER_LANGUAGES.map((language) => [
          language,
          receiverCode({ scheme, language, secretCount: 1 }).run,
        ]),
      );
    const next = 'npm run dev  # Next.js reads HOOKWARDEN_SECRET from .env.local';
    expect(runs('stripe')).toEqual({
      'node-express': 'npm install express stripe\nnode --env-file=.env server.mjs',
      'node-nextjs': `npm install stripe\n${next}`,
      'python-flask': 'pip install flask\nenv $(cat .env) python app.py',
      'python-fastapi': 'pip install fastapi uvicorn\nenv $(cat .env) python main.py',
      go: 'env $(cat .env) go run main.go',
      php: 'env $(cat .env) php -S 127.0.0.1:3000 receiver.php',
      'ruby-sinatra': 'gem install sinatra rackup puma\nenv $(cat .env) ruby app.rb',
    });
    // Mindee has no library (plain HMAC): nothing to install beyond the framework.
    expect(runs('mindee')['node-express']).toBe('npm install express\nnode --env-file=.env server.mjs');
    expect(runs('mindee')['node-nextjs']).toBe(next);
    expect(runs('github')['node-nextjs']).toBe(`npm install @octokit/webhooks-methods\n${next}`);
  });

  it('Node: awaits only a verification that is asynchronous (GitHub’s library); the route types what it returns', () => {
    for (const scheme of SIGNATURE_SCHEMES) {
      for (const secretCount of [1, 2] as const) {
        for (const language of ['node-express', 'node-nextjs'] as const) {
          const { code } = receiverCode({ scheme, language, secretCount });
          expect(/await (verified|Promise\.all)\(/.test(code), `${language} ${scheme}`).toBe(
            scheme === 'github',
          );
        }
        const route = receiverCode({ scheme, language: 'node-nextjs', secretCount }).code;
        const returns = scheme === 'github' ? 'Promise<boolean>' : 'boolean';
        expect(route).toMatch(new RegExp(`function verified\\([^)]*\\): ${returns} \\{`));
      }
    }
  });

  it('lists its imports in order, and Ruby requires what it uses', () => {
    for (const input of every) {
      const { code, language } = receiverCode(input);
      const imports = code.split('\n').filter((line) => /^(import|from) /.test(line));
      if (language.startsWith('python')) {
        const plain = imports.filter((line) => line.startsWith('import '));
        expect(plain, input.scheme).toEqual([...plain].sort());
      }
      if (language === 'ruby-sinatra') {
        for (const [uses, library] of [
          ['JSON.', 'json'],
          ['OpenSSL', 'openssl'],
        ] as const) {
          expect(code.includes(`require '${library}'`), `${input.scheme} ${library}`).toBe(
            code.includes(uses),
          );
        }
      }
    }
  });

  it("uses each scheme's official Node library, and plain HMAC where there is none", () => {
    for (const scheme of SIGNATURE_SCHEMES) {
      for (const language of ['node-express', 'node-nextjs'] as const) {
        const { code, run } = receiverCode({ scheme, language, secretCount: 1 });
        expect(code).toContain(NODE_LIBRARY[scheme]);
        const library = NODE_LIBRARY[scheme].slice(6, -1);
        if (library !== 'node:crypto') expect(run).toContain(`npm install `);
        if (library !== 'node:crypto') expect(run).toContain(library);
      }
      expect(receiverCode({ scheme, language: 'node-express', secretCount: 1 }).code).toContain(
        'express.raw(',
      );
      expect(receiverCode({ scheme, language: 'node-nextjs', secretCount: 1 }).code).toContain(
        'request.text()',
      );
      expect(receiverCode({ scheme, language: 'python-flask', secretCount: 1 }).code).toContain(
        'request.get_data()',
      );
      expect(receiverCode({ scheme, language: 'python-fastapi', secretCount: 1 }).code).toContain(
        'await request.body()',
      );
      expect(receiverCode({ scheme, language: 'go', secretCount: 1 }).code).toContain('"net/http"');
      expect(receiverCode({ scheme, language: 'ruby-sinatra', secretCount: 1 }).code).toContain(
        "require 'sinatra'",
      );
    }
  });

  it('names the environment a receiver needs in each rotation state, and which secret goes in each', () => {
    const at = '2026-11-28T10:00:00.000Z';
    expect(receiverEnv(undefined)).toEqual([{ name: 'HOOKWARDEN_SECRET', role: 'current' }]);
    expect(receiverEnv({ phase: 'next', startedAt: at, tests: {} })).toEqual([
      { name: 'HOOKWARDEN_SECRET', role: 'next' },
      { name: 'HOOKWARDEN_PREVIOUS_SECRET', role: 'current' },
    ]);
    for (const guided of [true, false]) {
      const overlap = { phase: 'overlap', startedAt: at, expiresAt: at, guided, switched: true } as const;
      expect(receiverEnv(overlap)).toEqual([
        { name: 'HOOKWARDEN_SECRET', role: 'current' },
        { name: 'HOOKWARDEN_PREVIOUS_SECRET', role: 'previous' },
      ]);
    }
  });

  it('answers on the webhook URL path when it is a plain path, else on /webhooks', () => {
    const at = (path: string | undefined, language: ReceiverLanguage = 'node-express') =>
      receiverCode({ scheme: 'github', language, secretCount: 1, path });
    expect(at('/hooks/invoices_v4').code).toContain("app.post('/hooks/invoices_v4',");
    expect(at('/hooks/invoices/').code).toContain("app.post('/hooks/invoices',");
    expect(at('/hooks/invoices//').code).toContain("app.post('/hooks/invoices',");
    // A segment is refused for being dots alone, not for holding one.
    expect(at('/.well-known/hooks').code).toContain("app.post('/.well-known/hooks',");
    expect(at('/hooks/v4.').code).toContain("app.post('/hooks/v4.',");
    expect(at('/hooks/invoices', 'node-nextjs').filename).toBe('app/hooks/invoices/route.ts');
    expect(at(undefined, 'node-nextjs').filename).toBe('app/webhooks/route.ts');
    for (const unsafe of [
      "/a'); process.exit(1); ('",
      '/a"b',
      '/a b',
      '/a/../b',
      '',
      '/',
      'hooks',
      '/a?b=1',
    ]) {
      expect(at(unsafe).code, unsafe).toContain("app.post('/webhooks',");
    }
  });
});

describe.each([
  ['go', 'gofmt -l -e', hasGofmt, 'golang-go is not installed (.ci/run installs it); gofmt -l -e skipped'],
  ['php', 'php -l', hasPhp, 'php-cli is not installed; php -l skipped'],
  ['ruby-sinatra', 'ruby -wc', hasRuby, 'ruby is not installed; ruby -wc skipped'],
] as const)('%s snippets: syntax (%s)', (language, check, available, reason) => {
  it.skipIf(!available)(
    available ? 'every scheme, one secret and two, parses (Go: formatted as gofmt does)' : reason,
    () => {
      const dir = tempDir('hookwarden-receiver-syntax-');
      for (const scheme of SIGNATURE_SCHEMES) {
        for (const secretCount of [1, 2] as const) {
          const { code, filename } = receiverCode({ scheme, language, secretCount });
          const file = join(dir, `${scheme}-${secretCount}-${filename}`);
          writeFileSync(file, code);
          const [program, ...args] = check.split(' ') as [string, ...string[]];
          const result = spawnSync(program, [...args, file], { encoding: 'utf8' });
          expect(result.status, `${scheme} ×${secretCount}: ${result.stdout}${result.stderr}`).toBe(0);
          // ruby -w: no warnings either; gofmt -l names the file if gofmt would change it (tabs, import order).
          if (language === 'ruby-sinatra') expect(result.stderr).toBe('');
          if (language === 'go') expect(result.stdout, 'formatted as gofmt does').toBe('');
        }
      }
    },
  );
});

/** A POST of these exact bytes and headers, as node:http sends it; resolves with the status. */
async function post(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
  );
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { ...kept, 'Content-Length': body.length },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The body with one byte changed: its first lower-case letter (a JSON key), so it stays valid JSON. */
function oneByteChanged(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const at = bytes.findIndex((byte) => byte >= 0x61 && byte < 0x7a);
  bytes[at] = (bytes[at] as number) + 1;
  return bytes;
}

/** The record's request sent again to the receiver, with these changes. */
function resend(
  server: SnippetServer,
  path: string,
  { request }: Delivery,
  change: { body?: Buffer; headers?: Record<string, string>; drop?: string } = {},
) {
  const headers = Object.fromEntries(
    Object.entries({ ...request.headers, ...change.headers }).filter(
      ([name]) => name.toLowerCase() !== change.drop?.toLowerCase(),
    ),
  );
  return post(`${server.url}${path}`, headers, change.body ?? Buffer.from(request.body, 'utf8'));
}

/** The signature header's value of an overlap delivery split in two: one with each secret's signature only. */
function eachSignature(scheme: SignatureScheme, value: string): [string, string] {
  if (scheme === 'stripe') {
    const [timestamp, fresh, old] = value.split(',') as [string, string, string];
    return [`${timestamp},${fresh}`, `${timestamp},${old}`];
  }
  const [fresh, old] = value.split(' ') as [string, string];
  return [fresh, old];
}

let h: Harness;
let apiId: string;

beforeAll(async () => {
  const started = await startWithWebhook();
  h = started.h;
  apiId = started.api.id;
});

/** A webhook of this scheme pointing at a free port of 127.0.0.1, and a path of its own. */
async function webhookAt(scheme: SignatureScheme, path: string) {
  const port = await freePort();
  const hook = await h.ok('webhooks.create', {
    apiId,
    version: 'v4',
    url: `http://127.0.0.1:${port}${path}`,
  });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme });
  return { hook, port };
}

const reveal = async (id: string, role: 'current' | 'previous' | 'next' = 'current') =>
  (await h.ok('secrets.reveal', { id, role })).secret;

/** Starts the snippet; it stops when the test ends (tests run concurrently: the context's hook, not afterEach). */
async function run(
  { onTestFinished }: TestContext,
  language: ReceiverLanguage,
  scheme: SignatureScheme,
  secretCount: 1 | 2,
  { port, path, env }: { port: number; path: string; env: Record<string, string> },
) {
  const snippet = receiverCode({ scheme, language, secretCount, path });
  const server = await startSnippet(snippet, { port, path, env });
  onTestFinished(() => server.close());
  return server;
}

const runnable = [
  ...(['node-express', 'node-nextjs'] as const).map((language) => ({ language, skip: '' })),
  ...(['python-flask', 'python-fastapi'] as const).map((language) => ({ language, skip: '' })),
  { language: 'php' as const, skip: hasPhp ? '' : 'php-cli is not installed: the PHP snippets are not run' },
  {
    language: 'go' as const,
    skip: onPath('go') ? '' : 'golang-go is not installed (.ci/run installs it): the Go snippets are not run',
  },
  {
    language: 'ruby-sinatra' as const,
    skip: hasRuby && hasSinatra() ? '' : 'ruby-sinatra is not installed: the Ruby snippets are not run',
  },
];

// tsc takes seconds: a concurrent test, so it runs beside the receivers below. (Generating the code in a test,
// not in a beforeAll, also lets mutation testing credit it to this test.)
it.concurrent(
  'the Next.js route handlers type-check under strict TypeScript, with their libraries’ types',
  async ({ expect }) => {
    const files = SIGNATURE_SCHEMES.flatMap((scheme) =>
      ([1, 2] as const).map((secretCount) => [
        `${scheme}-${secretCount}.ts`,
        receiverCode({ scheme, language: 'node-nextjs', secretCount }).code,
      ]),
    );
    const { status, output } = await typeCheck(Object.fromEntries(files));
    expect(output).toBe('');
    expect(status).toBe(0);
  },
  60_000,
);

describe.concurrent.each(runnable)(
  '$language receivers, against the app’s deliveries',
  ({ language, skip }) => {
    beforeAll(async () => {
      if (language.startsWith('python') && missingPython.length > 0) {
        throw new Error(
          `${PYTHON} lacks ${missingPython.join(', ')}: apt-get install python3-flask python3-fastapi python3-uvicorn`,
        );
      }
      // A first build of net/http takes a while: once, before the snippets build concurrently.
      if (language === 'go' && skip === '') await warmGoCache();
    }, 120_000);

    it.skipIf(skip !== '')(
      skip || 'without HOOKWARDEN_SECRET, it says to set it instead of accepting anything',
      async ({ expect }) => {
        for (const secretCount of [1, 2] as const) {
          const snippet = receiverCode({ scheme: 'github', language, secretCount, path: '/hooks' });
          const port = await freePort();
          const started = startSnippet(snippet, { port, path: '/hooks', env: {} });
          if (language === 'php' || language === 'node-nextjs') {
            // Run per request: each request is answered 500 and the reason.
            const server = await started;
            try {
              const answer = await fetch(`${server.url}/hooks`, { method: 'POST', body: '{}' });
              expect([answer.status, await answer.text()]).toEqual([500, 'Set HOOKWARDEN_SECRET']);
            } finally {
              await server.close();
            }
          } else {
            // A server: it stops before it listens, with the reason.
            const failure = await started.then(
              async (server) => {
                await server.close();
                return 'it started';
              },
              (error: Error) => error.message,
            );
            expect(failure).toContain('Set HOOKWARDEN_SECRET');
          }
        }
      },
    );

    // Concurrently (vitest's maxConcurrency, 5 at a time): each test waits mostly on its receiver's process.
    describe.concurrent.each(SIGNATURE_SCHEMES)('%s', (scheme) => {
      const path = `/hooks/${language}/${scheme}`;

      it.skipIf(skip !== '')(
        skip || 'accepts a delivery; refuses it with one body byte changed or without its signature',
        async (context) => {
          const { expect } = context;
          const { hook, port } = await webhookAt(scheme, path);
          const secret = await reveal(hook.id);
          const server = await run(context, language, scheme, 1, {
            port,
            path,
            env: { HOOKWARDEN_SECRET: secret },
          });

          const sent = await h.ok('deliveries.send', { webhookId: hook.id });
          expect(sent.response?.status, server.output()).toBe(204);
          expect(await resend(server, path, sent), 'the same request again').toBe(204);
          expect(await resend(server, path, sent, { body: oneByteChanged(sent.request.body) })).toBe(401);
          expect(await resend(server, path, sent, { drop: SIGNATURE_HEADER[scheme] })).toBe(401);
          // The place for the user's own handling says the delivery was verified; PHP warned of nothing.
          await expect.poll(() => server.output()).toContain('Verified webhook');
          expect(server.output()).not.toMatch(/PHP (Warning|Notice|Deprecated)/);
        },
      );

      it.skipIf(skip !== '')(
        skip || 'during a rotation, accepts a delivery signed with either secret',
        async (context) => {
          const { expect } = context;
          const { hook, port } = await webhookAt(scheme, path);
          /** The receiver's environment for this rotation state, as receiverEnv names it. */
          const envOf = async (rotation: Rotation | undefined) => {
            const vars = receiverEnv(rotation);
            return Object.fromEntries(
              await Promise.all(vars.map(async (v) => [v.name, await reveal(hook.id, v.role)])),
            );
          };
          if (MULTI_SIGNATURE_SCHEMES.has(scheme)) {
            // A roll with an overlap: each delivery carries a signature per secret; the receiver holds both.
            const rolled = await h.ok('rotation.roll', { id: hook.id, keepOldFor: '24h' });
            const env = await envOf(rolled.rotation);
            expect(env).toEqual({
              HOOKWARDEN_SECRET: await reveal(hook.id),
              HOOKWARDEN_PREVIOUS_SECRET: await reveal(hook.id, 'previous'),
            });
            const server = await run(context, language, scheme, 2, { port, path, env });

            const sent = await h.ok('deliveries.send', { webhookId: hook.id });
            expect(sent.signedWith).toEqual(['current', 'previous']);
            expect(sent.response?.status, server.output()).toBe(204);
            const name = SIGNATURE_HEADER[scheme];
            const [freshOnly, oldOnly] = eachSignature(scheme, sent.request.headers[name] as string);
            const alone = (signature: string) =>
              resend(server, path, sent, { headers: { [name]: signature } });
            expect(await alone(freshOnly), 'only the new secret’s signature').toBe(204);
            expect(await alone(oldOnly), 'only the previous secret’s signature').toBe(204);
            expect(await resend(server, path, sent, { body: oneByteChanged(sent.request.body) })).toBe(401);
          } else {
            // A guided rotation: the receiver learns the new secret before the switch, and keeps the current one.
            const rolled = await h.ok('rotation.roll', { id: hook.id });
            const env = await envOf(rolled.rotation);
            expect(env).toEqual({
              HOOKWARDEN_SECRET: await reveal(hook.id, 'next'),
              HOOKWARDEN_PREVIOUS_SECRET: await reveal(hook.id),
            });
            const server = await run(context, language, scheme, 2, { port, path, env });

            const newTest = await h.ok('rotation.test', { id: hook.id, role: 'next' });
            expect(newTest.delivery.signedWith).toEqual(['next']);
            expect(newTest.delivery.response?.status, server.output()).toBe(204);
            const currentTest = await h.ok('rotation.test', { id: hook.id, role: 'current' });
            expect(currentTest.delivery.signedWith).toEqual(['current']);
            expect(currentTest.delivery.response?.status, server.output()).toBe(204);
            const body = oneByteChanged(newTest.delivery.request.body);
            expect(await resend(server, path, newTest.delivery, { body })).toBe(401);
            expect(await resend(server, path, currentTest.delivery, { body })).toBe(401);

            // The switch changes nothing for the receiver: the same two secrets, under the same names.
            const switched = await h.ok('rotation.switch', { id: hook.id, keepOldFor: '1h' });
            expect(await envOf(switched.rotation)).toEqual(env);
            const after = await h.ok('deliveries.send', { webhookId: hook.id });
            expect(after.response?.status, server.output()).toBe(204);
            const oldCheck = await h.ok('rotation.test', { id: hook.id, role: 'previous' });
            expect(oldCheck.delivery.response?.status, 'the old secret, until it is unset').toBe(204);
          }
        },
      );

      it.skipIf(skip !== '')(
        skip ||
          'with the previous secret unset, a signature made with an empty key is refused; so is an old one',
        async (context) => {
          const { expect } = context;
          const { hook, port } = await webhookAt(scheme, path);
          const secret = await reveal(hook.id);
          const server = await run(context, language, scheme, 2, {
            port,
            path,
            env: { HOOKWARDEN_SECRET: secret },
          });

          const body = '{"type":"test"}';
          const signed = (key: string, secondsAgo = 0) =>
            signatureHeaders({
              scheme,
              secrets: [key],
              body,
              messageId: 'msg_2fVvPqXHw3PY6cVbmRQ5aC6Hq1B',
              timestamp: Math.floor(Date.now() / 1000) - secondsAgo,
            });
          const headers = { 'Content-Type': 'application/json' };
          const url = `${server.url}${path}`;
          expect(await post(url, { ...headers, ...signed(secret) }, Buffer.from(body)), server.output()).toBe(
            204,
          );
          expect(await post(url, { ...headers, ...signed('') }, Buffer.from(body))).toBe(401);
          // A signed timestamp 10 minutes old is refused (5 minutes' tolerance, as the official libraries).
          const old = await post(url, { ...headers, ...signed(secret, 600) }, Buffer.from(body));
          expect(old).toBe(TIMESTAMPED.has(scheme) ? 401 : 204);
          if (scheme === 'stripe') {
            // A timestamp and no v1 signature at all: refused, and PHP warned of nothing.
            const bare = { 'Stripe-Signature': `t=${Math.floor(Date.now() / 1000)}` };
            expect(await post(url, { ...headers, ...bare }, Buffer.from(body))).toBe(401);
          }
          expect(server.output()).not.toMatch(/PHP (Warning|Notice|Deprecated)/);
        },
      );
    });
  },
);

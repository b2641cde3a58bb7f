/**
 * Node.js receivers: Express (`express.raw`) and a Next.js route handler (`request.text()`), with each
 * scheme's official library where one exists (standardwebhooks, stripe, @octokit/webhooks-methods).
 */
import type { SignatureScheme } from '../../shared/domain';
import {
  PREVIOUS_SECRET_ENV,
  SCHEME_TITLES,
  SECRET_ENV,
  lines,
  rotationComment,
  type Snippet,
  type SnippetInput,
} from './snippet';

interface NodeVerifier {
  /** npm packages beyond the framework. */
  packages: string[];
  imports: string;
  /** `verified(secret, body, headers)`: true when the signature is valid. */
  verify(ts: boolean): string;
  async: boolean;
}

const signature = (ts: boolean) =>
  ts ? 'secret: string, body: string, headers: Record<string, string>' : 'secret, body, headers';

const verifiers: Record<SignatureScheme, () => NodeVerifier> = {
  mindee: () => ({
    packages: [],
    imports: "import { createHmac, timingSafeEqual } from 'node:crypto';",
    async: false,
    verify: (ts) =>
      lines(
        '// X-Mindee-Hmac-Signature is the hex HMAC-SHA256 of the raw body, keyed with the whole secret.',
        `function verified(${signature(ts)})${ts ? ': boolean' : ''} {`,
        "  const expected = createHmac('sha256', secret).update(body).digest();",
        "  const given = Buffer.from(headers['x-mindee-hmac-signature'] ?? '', 'hex');",
        '  return given.length === expected.length && timingSafeEqual(given, expected);',
        '}',
      ),
  }),
  'standard-webhooks': () => ({
    packages: ['standardwebhooks'],
    imports: "import { Webhook } from 'standardwebhooks';",
    async: false,
    verify: (ts) =>
      lines(
        '// Checks webhook-signature (any of its signatures) and that webhook-timestamp is within 5 minutes.',
        `function verified(${signature(ts)})${ts ? ': boolean' : ''} {`,
        '  try {',
        '    new Webhook(secret).verify(body, headers);',
        '    return true;',
        '  } catch {',
        '    return false;',
        '  }',
        '}',
      ),
  }),
  stripe: () => ({
    packages: ['stripe'],
    imports: "import Stripe from 'stripe';",
    async: false,
    verify: (ts) =>
      lines(
        '// Checks Stripe-Signature (any of its v1 signatures) and that its timestamp is within 5 minutes.',
        `function verified(${signature(ts)})${ts ? ': boolean' : ''} {`,
        '  try {',
        "    Stripe.webhooks.constructEvent(body, headers['stripe-signature'] ?? '', secret);",
        '    return true;',
        '  } catch {',
        '    return false;',
        '  }',
        '}',
      ),
  }),
  github: () => ({
    packages: ['@octokit/webhooks-methods'],
    imports: "import { verify } from '@octokit/webhooks-methods';",
    async: true,
    verify: (ts) =>
      lines(
        '// X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body; verify compares in constant time.',
        `async function verified(${signature(ts)})${ts ? ': Promise<boolean>' : ''} {`,
        "  const signature = headers['x-hub-signature-256'];",
        ts
          ? "  return typeof signature === 'string' && (await verify(secret, body, signature));"
          : "  return typeof signature === 'string' && (await verify(secret, body.toString('utf8'), signature));",
        '}',
      ),
  }),
};

/** The lines that refuse a delivery no secret verifies (with one secret, or with either of two). */
function refuseUnverified(
  verifier: NodeVerifier,
  secretCount: 1 | 2,
  args: string,
  refusal: string,
): string[] {
  const call = `verified(secret, ${args})`;
  const [before, condition] =
    secretCount === 1
      ? [undefined, verifier.async ? `!(await ${call})` : `!${call}`]
      : verifier.async
        ? [`const results = await Promise.all(secrets.map((secret) => ${call}));`, '!results.includes(true)']
        : [undefined, `!secrets.some((secret) => ${call})`];
  return [...(before ? [before] : []), `if (${condition}) {`, `  ${refusal}`, '}'];
}

export function expressReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const verifier = verifiers[scheme]();
  const code = lines(
    `// Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Node.js, Express.`,
    verifier.imports,
    "import express from 'express';",
    '',
    ...(secretCount === 1
      ? [`const secret = process.env.${SECRET_ENV};`, `if (!secret) throw new Error('Set ${SECRET_ENV}');`]
      : [
          rotationComment('//'),
          `const secrets = [process.env.${SECRET_ENV}, process.env.${PREVIOUS_SECRET_ENV}].filter(Boolean);`,
          `if (!process.env.${SECRET_ENV}) throw new Error('Set ${SECRET_ENV}');`,
        ]),
    '',
    verifier.verify(false),
    'const app = express();',
    '',
    '// The signature covers the exact bytes sent: verify the raw body (express.raw), never what express.json()',
    '// parsed and you serialise again (spacing, key order and escapes change, and the signature fails).',
    `app.post('${path}', express.raw({ type: '*/*' }), ${verifier.async ? 'async ' : ''}(req, res) => {`,
    ...refuseUnverified(
      verifier,
      secretCount,
      'req.body, req.headers',
      "return res.status(401).send('Invalid signature');",
    ).map((line) => `  ${line}`),
    "  console.log('Verified webhook:', JSON.parse(req.body));",
    '  res.sendStatus(204);',
    '});',
    '',
    'app.listen(process.env.PORT ?? 3000);',
  );
  return {
    filename: 'server.mjs',
    code,
    run: lines(
      `npm install ${['express', ...verifier.packages].join(' ')}`,
      'node --env-file=.env server.mjs',
    ).trimEnd(),
  };
}

export function nextReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const verifier = verifiers[scheme]();
  const filename = `app${path}/route.ts`;
  const code = lines(
    `// ${filename} — Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Next.js route handler.`,
    verifier.imports,
    '',
    verifier.verify(true),
    'export async function POST(request: Request) {',
    ...(secretCount === 1
      ? [`  const secret = process.env.${SECRET_ENV};`]
      : [
          `  ${rotationComment('//')}`,
          `  const secrets = [process.env.${SECRET_ENV}, process.env.${PREVIOUS_SECRET_ENV}].filter(`,
          '    (secret): secret is string => Boolean(secret),',
          '  );',
        ]),
    `  if (!${secretCount === 1 ? 'secret' : `process.env.${SECRET_ENV}`}) {`,
    `    return new Response('Set ${SECRET_ENV}', { status: 500 });`,
    '  }',
    '  // The signature covers the exact bytes sent: verify request.text(), never what request.json() parsed',
    '  // and you serialise again (spacing, key order and escapes change, and the signature fails).',
    '  const body = await request.text();',
    '  const headers = Object.fromEntries(request.headers);',
    ...refuseUnverified(
      verifier,
      secretCount,
      'body, headers',
      "return new Response('Invalid signature', { status: 401 });",
    ).map((line) => `  ${line}`),
    "  console.log('Verified webhook:', JSON.parse(body));",
    '  return new Response(null, { status: 204 });',
    '}',
  );
  const install = verifier.packages.length > 0 ? `npm install ${verifier.packages.join(' ')}` : undefined;
  return {
    filename,
    code,
    run: lines(install, `npm run dev  # Next.js reads ${SECRET_ENV} from .env.local`).trimEnd(),
  };
}

/**
 * A PHP receiver with no Composer package: every scheme is a few lines of hash_hmac, compared with
 * hash_equals (constant time). It runs under any web server, or alone with `php -S`.
 */
import type { SignatureScheme } from '../../shared/domain';
import {
  PREVIOUS_SECRET_ENV,
  SCHEME_TITLES,
  SECRET_ENV,
  TOLERANCE_SECONDS,
  lines,
  rotationComment,
  type Snippet,
  type SnippetInput,
} from './snippet';

const timestampCheck = () => [
  '    if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > TOLERANCE) {',
  '        return false;',
  '    }',
];

const verifiers: Record<SignatureScheme, () => string> = {
  mindee: () =>
    lines(
      '// X-Mindee-Hmac-Signature is the hex HMAC-SHA256 of the raw body, keyed with the whole secret.',
      'function verified(string $secret, string $body): bool',
      '{',
      "    $expected = hash_hmac('sha256', $body, $secret);",
      "    return hash_equals($expected, $_SERVER['HTTP_X_MINDEE_HMAC_SIGNATURE'] ?? '');",
      '}',
    ),
  github: () =>
    lines(
      '// X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body.',
      'function verified(string $secret, string $body): bool',
      '{',
      "    $expected = 'sha256=' . hash_hmac('sha256', $body, $secret);",
      "    return hash_equals($expected, $_SERVER['HTTP_X_HUB_SIGNATURE_256'] ?? '');",
      '}',
    ),
  stripe: () =>
    lines(
      `const TOLERANCE = ${TOLERANCE_SECONDS}; // seconds, as Stripe's libraries`,
      '',
      '// Stripe-Signature is "t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>." + body>" (one v1 per secret',
      "// during a roll); the key is the whole secret. (stripe-php's \\Stripe\\Webhook::constructEvent checks the same.)",
      'function verified(string $secret, string $body): bool',
      '{',
      "    $timestamp = '';",
      '    $signatures = [];',
      "    foreach (explode(',', $_SERVER['HTTP_STRIPE_SIGNATURE'] ?? '') as $item) {",
      "        [$key, $value] = array_pad(explode('=', $item, 2), 2, '');",
      "        if ($key === 't') {",
      '            $timestamp = $value;',
      "        } elseif ($key === 'v1') {",
      '            $signatures[] = $value;',
      '        }',
      '    }',
      ...timestampCheck(),
      "    $expected = hash_hmac('sha256', $timestamp . '.' . $body, $secret);",
      '    foreach ($signatures as $signature) {',
      '        if (hash_equals($expected, $signature)) {',
      '            return true;',
      '        }',
      '    }',
      '    return false;',
      '}',
    ),
  'standard-webhooks': () =>
    lines(
      `const TOLERANCE = ${TOLERANCE_SECONDS}; // seconds, as the Standard Webhooks libraries`,
      '',
      '// webhook-signature lists "v1,<base64 HMAC-SHA256 of "<id>.<timestamp>." + body>" (one per secret during',
      '// a roll), keyed with the base64 after "whsec_".',
      'function verified(string $secret, string $body): bool',
      '{',
      "    $timestamp = $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] ?? '';",
      ...timestampCheck(),
      "    $key = base64_decode(preg_replace('/^whsec_/', '', $secret), true);",
      '    if ($key === false) {',
      '        return false;',
      '    }',
      "    $signed = ($_SERVER['HTTP_WEBHOOK_ID'] ?? '') . '.' . $timestamp . '.' . $body;",
      "    $expected = base64_encode(hash_hmac('sha256', $signed, $key, true));",
      "    foreach (explode(' ', $_SERVER['HTTP_WEBHOOK_SIGNATURE'] ?? '') as $item) {",
      "        [$version, $signature] = array_pad(explode(',', $item, 2), 2, '');",
      "        if ($version === 'v1' && hash_equals($expected, $signature)) {",
      '            return true;',
      '        }',
      '    }',
      '    return false;',
      '}',
    ),
};

export function phpReceiver({ scheme, secretCount }: SnippetInput): Snippet {
  const code = lines(
    '<?php',
    `// Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. PHP.`,
    '',
    verifiers[scheme](),
    ...(secretCount === 1
      ? [`$secret = getenv('${SECRET_ENV}');`]
      : [
          rotationComment('//'),
          `$secrets = array_filter([getenv('${SECRET_ENV}'), getenv('${PREVIOUS_SECRET_ENV}')]);`,
        ]),
    `if (!getenv('${SECRET_ENV}')) {`,
    '    http_response_code(500);',
    `    exit('Set ${SECRET_ENV}');`,
    '}',
    "if ($_SERVER['REQUEST_METHOD'] !== 'POST') {",
    '    http_response_code(405);',
    '    exit;',
    '}',
    '',
    '// The signature covers the exact bytes sent: verify php://input, never what json_decode() parsed and',
    '// json_encode() wrote again (spacing, key order and escapes change, and the signature fails).',
    "$body = file_get_contents('php://input');",
    secretCount === 1
      ? 'if (!verified($secret, $body)) {'
      : 'if (!array_filter($secrets, fn (string $secret): bool => verified($secret, $body))) {',
    '    http_response_code(401);',
    "    exit('Invalid signature');",
    '}',
    "error_log('Verified webhook: ' . $body);",
    'http_response_code(204);',
  );
  return { filename: 'receiver.php', code, run: 'env $(cat .env) php -S 127.0.0.1:3000 receiver.php' };
}

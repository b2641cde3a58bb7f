/**
 * Python receivers: Flask (`request.get_data()`) and FastAPI (`await request.body()`). Every scheme is
 * verified with the standard library (hmac.compare_digest), so nothing but the framework is installed: the
 * official `standardwebhooks` and `stripe` packages do the same checks, written out here in a few lines.
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

interface PythonVerifier {
  imports: string[];
  /** `verified(secret, body, headers)`: True when the signature is valid. */
  verify: string;
}

const timestampCheck = () => [
  '    if not (timestamp.isascii() and timestamp.isdigit()) or abs(time.time() - int(timestamp)) > TOLERANCE:',
  '        return False',
];

const verifiers: Record<SignatureScheme, () => PythonVerifier> = {
  mindee: () => ({
    imports: ['hashlib', 'hmac'],
    verify: lines(
      '# X-Mindee-Hmac-Signature is the hex HMAC-SHA256 of the raw body, keyed with the whole secret.',
      'def verified(secret: str, body: bytes, headers) -> bool:',
      '    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()',
      '    return hmac.compare_digest(expected.encode(), headers.get("X-Mindee-Hmac-Signature", "").encode())',
    ),
  }),
  github: () => ({
    imports: ['hashlib', 'hmac'],
    verify: lines(
      '# X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body.',
      'def verified(secret: str, body: bytes, headers) -> bool:',
      '    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()',
      '    return hmac.compare_digest(expected.encode(), headers.get("X-Hub-Signature-256", "").encode())',
    ),
  }),
  stripe: () => ({
    imports: ['hashlib', 'hmac', 'time'],
    verify: lines(
      `TOLERANCE = ${TOLERANCE_SECONDS}  # seconds, as Stripe's libraries`,
      '',
      '',
      '# Stripe-Signature is "t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>." + body>" (one v1 per secret',
      '# during a roll); the key is the whole secret. The stripe package checks the same (Webhook.construct_event).',
      'def verified(secret: str, body: bytes, headers) -> bool:',
      '    pairs = [item.partition("=") for item in headers.get("Stripe-Signature", "").split(",")]',
      '    timestamp = next((value for key, _, value in pairs if key == "t"), "")',
      ...timestampCheck(),
      '    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()',
      '    return any(',
      '        hmac.compare_digest(expected.encode(), value.encode()) for key, _, value in pairs if key == "v1"',
      '    )',
    ),
  }),
  'standard-webhooks': () => ({
    imports: ['base64', 'hashlib', 'hmac', 'time'],
    verify: lines(
      `TOLERANCE = ${TOLERANCE_SECONDS}  # seconds, as the Standard Webhooks libraries`,
      '',
      '',
      '# webhook-signature lists "v1,<base64 HMAC-SHA256 of "<id>.<timestamp>." + body>" (one per secret during a',
      '# roll), keyed with the base64 after "whsec_". The standardwebhooks package checks the same (Webhook.verify).',
      'def verified(secret: str, body: bytes, headers) -> bool:',
      '    timestamp = headers.get("webhook-timestamp", "")',
      ...timestampCheck(),
      '    key = base64.b64decode(secret.removeprefix("whsec_"))',
      "    signed = f\"{headers.get('webhook-id', '')}.{timestamp}.\".encode() + body",
      '    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())',
      '    signatures = [item.partition(",") for item in headers.get("webhook-signature", "").split()]',
      '    return any(',
      '        hmac.compare_digest(expected, value.encode()) for version, _, value in signatures if version == "v1"',
      '    )',
    ),
  }),
};

function secretsBlock(secretCount: 1 | 2): string[] {
  return secretCount === 1
    ? [
        `SECRET = os.environ.get("${SECRET_ENV}", "")`,
        'if not SECRET:',
        `    raise SystemExit("Set ${SECRET_ENV}")`,
      ]
    : [
        rotationComment('#'),
        `SECRETS = [s for s in (os.environ.get("${SECRET_ENV}"), os.environ.get("${PREVIOUS_SECRET_ENV}")) if s]`,
        `if not os.environ.get("${SECRET_ENV}"):`,
        `    raise SystemExit("Set ${SECRET_ENV}")`,
      ];
}

const check = (secretCount: 1 | 2, headers: string) =>
  secretCount === 1
    ? `verified(SECRET, body, ${headers})`
    : `any(verified(secret, body, ${headers}) for secret in SECRETS)`;

function importLines(verifier: PythonVerifier): string {
  return [...verifier.imports, 'json', 'os']
    .sort()
    .map((name) => `import ${name}`)
    .join('\n');
}

export function flaskReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const verifier = verifiers[scheme]();
  const code = lines(
    `# Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Python, Flask.`,
    importLines(verifier),
    '',
    'from flask import Flask, request',
    '',
    ...secretsBlock(secretCount),
    '',
    '',
    verifier.verify,
    '',
    'app = Flask(__name__)',
    '',
    '',
    `@app.post("${path}")`,
    'def webhook():',
    '    # The signature covers the exact bytes sent: verify request.get_data(), never what request.get_json()',
    '    # parsed and you serialise again (spacing, key order and escapes change, and the signature fails).',
    '    body = request.get_data()',
    `    if not ${check(secretCount, 'request.headers')}:`,
    '        return "Invalid signature", 401',
    '    print("Verified webhook:", json.loads(body))',
    '    return "", 204',
    '',
    '',
    'if __name__ == "__main__":',
    '    app.run(port=int(os.environ.get("PORT", 3000)))',
  );
  return { filename: 'app.py', code, run: 'pip install flask\nenv $(cat .env) python app.py' };
}

export function fastApiReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const verifier = verifiers[scheme]();
  const code = lines(
    `# Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Python, FastAPI.`,
    importLines(verifier),
    '',
    'import uvicorn',
    'from fastapi import FastAPI, Request, Response',
    '',
    ...secretsBlock(secretCount),
    '',
    '',
    verifier.verify,
    '',
    'app = FastAPI()',
    '',
    '',
    `@app.post("${path}")`,
    'async def webhook(request: Request):',
    '    # The signature covers the exact bytes sent: verify await request.body(), never a parsed model or',
    '    # request.json() serialised again (spacing, key order and escapes change, and the signature fails).',
    '    body = await request.body()',
    `    if not ${check(secretCount, 'request.headers')}:`,
    '        return Response("Invalid signature", status_code=401)',
    '    print("Verified webhook:", json.loads(body))',
    '    return Response(status_code=204)',
    '',
    '',
    'if __name__ == "__main__":',
    '    uvicorn.run(app, port=int(os.environ.get("PORT", 3000)))',
  );
  return { filename: 'main.py', code, run: 'pip install fastapi uvicorn\nenv $(cat .env) python main.py' };
}

/**
 * A Go receiver on net/http, standard library only: every scheme is a few lines of crypto/hmac (hmac.Equal
 * compares in constant time), so `go run` needs no module.
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

interface GoVerifier {
  imports: string[];
  /** `verified(secret, body, header)`: true when the signature is valid. */
  verify: string;
}

/** Go is indented with tabs; the templates below use two spaces per level for readability. */
const tabs = (text: string) => text.replace(/^( {2})+/gm, (indent) => '\t'.repeat(indent.length / 2));

const timestampCheck = () => [
  '  seconds, err := strconv.ParseInt(timestamp, 10, 64)',
  '  if err != nil || time.Since(time.Unix(seconds, 0)).Abs() > tolerance {',
  '    return false',
  '  }',
];
const tolerance = () => 'const tolerance = 5 * time.Minute // as the official libraries';

const verifiers: Record<SignatureScheme, () => GoVerifier> = {
  mindee: () => ({
    imports: ['crypto/hmac', 'crypto/sha256', 'encoding/hex'],
    verify: lines(
      '// X-Mindee-Hmac-Signature is the hex HMAC-SHA256 of the raw body, keyed with the whole secret.',
      'func verified(secret string, body []byte, header http.Header) bool {',
      '  mac := hmac.New(sha256.New, []byte(secret))',
      '  mac.Write(body)',
      '  expected := hex.EncodeToString(mac.Sum(nil))',
      '  return hmac.Equal([]byte(expected), []byte(header.Get("X-Mindee-Hmac-Signature")))',
      '}',
    ),
  }),
  github: () => ({
    imports: ['crypto/hmac', 'crypto/sha256', 'encoding/hex'],
    verify: lines(
      '// X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body.',
      'func verified(secret string, body []byte, header http.Header) bool {',
      '  mac := hmac.New(sha256.New, []byte(secret))',
      '  mac.Write(body)',
      '  expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))',
      '  return hmac.Equal([]byte(expected), []byte(header.Get("X-Hub-Signature-256")))',
      '}',
    ),
  }),
  stripe: () => ({
    imports: ['crypto/hmac', 'crypto/sha256', 'encoding/hex', 'strconv', 'strings', 'time'],
    verify: lines(
      tolerance(),
      '',
      '// Stripe-Signature is "t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>." + body>" (one v1 per secret',
      "// during a roll); the key is the whole secret. (stripe-go's webhook.ConstructEvent checks the same.)",
      'func verified(secret string, body []byte, header http.Header) bool {',
      '  var timestamp string',
      '  var signatures []string',
      '  for _, item := range strings.Split(header.Get("Stripe-Signature"), ",") {',
      '    key, value, _ := strings.Cut(item, "=")',
      '    switch key {',
      '    case "t":',
      '      timestamp = value',
      '    case "v1":',
      '      signatures = append(signatures, value)',
      '    }',
      '  }',
      ...timestampCheck(),
      '  mac := hmac.New(sha256.New, []byte(secret))',
      '  mac.Write([]byte(timestamp + "."))',
      '  mac.Write(body)',
      '  expected := []byte(hex.EncodeToString(mac.Sum(nil)))',
      '  for _, signature := range signatures {',
      '    if hmac.Equal(expected, []byte(signature)) {',
      '      return true',
      '    }',
      '  }',
      '  return false',
      '}',
    ),
  }),
  'standard-webhooks': () => ({
    imports: ['crypto/hmac', 'crypto/sha256', 'encoding/base64', 'strconv', 'strings', 'time'],
    verify: lines(
      tolerance(),
      '',
      '// webhook-signature lists "v1,<base64 HMAC-SHA256 of "<id>.<timestamp>." + body>" (one per secret during',
      '// a roll), keyed with the base64 after "whsec_".',
      'func verified(secret string, body []byte, header http.Header) bool {',
      '  timestamp := header.Get("webhook-timestamp")',
      ...timestampCheck(),
      '  key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))',
      '  if err != nil {',
      '    return false',
      '  }',
      '  mac := hmac.New(sha256.New, key)',
      '  mac.Write([]byte(header.Get("webhook-id") + "." + timestamp + "."))',
      '  mac.Write(body)',
      '  expected := []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))',
      '  for _, item := range strings.Fields(header.Get("webhook-signature")) {',
      '    version, signature, _ := strings.Cut(item, ",")',
      '    if version == "v1" && hmac.Equal(expected, []byte(signature)) {',
      '      return true',
      '    }',
      '  }',
      '  return false',
      '}',
    ),
  }),
};

export function goReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const verifier = verifiers[scheme]();
  const imports = [...new Set([...verifier.imports, 'io', 'log', 'net/http', 'os'])].sort();
  const code = lines(
    `// Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Go, net/http.`,
    'package main',
    '',
    'import (',
    ...imports.map((name) => `  "${name}"`),
    ')',
    '',
    verifier.verify,
    'func main() {',
    ...(secretCount === 1
      ? [`  secret := os.Getenv("${SECRET_ENV}")`, '  if secret == "" {']
      : [
          `  ${rotationComment('//')}`,
          `  secrets := []string{os.Getenv("${SECRET_ENV}")}`,
          `  if previous := os.Getenv("${PREVIOUS_SECRET_ENV}"); previous != "" {`,
          '    secrets = append(secrets, previous)',
          '  }',
          '  if secrets[0] == "" {',
        ]),
    `    log.Fatal("Set ${SECRET_ENV}")`,
    '  }',
    '',
    `  http.HandleFunc("${path}", func(w http.ResponseWriter, r *http.Request) {`,
    '    if r.Method != http.MethodPost {',
    '      http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)',
    '      return',
    '    }',
    '    // The signature covers the exact bytes sent: verify the body as read, never a value decoded and',
    '    // encoded again (spacing, key order and escapes change, and the signature fails).',
    '    body, err := io.ReadAll(r.Body)',
    '    if err != nil {',
    '      http.Error(w, "Cannot read the body", http.StatusBadRequest)',
    '      return',
    '    }',
    ...(secretCount === 1
      ? ['    if !verified(secret, body, r.Header) {']
      : [
          '    valid := false',
          '    for _, secret := range secrets {',
          '      valid = valid || verified(secret, body, r.Header)',
          '    }',
          '    if !valid {',
        ]),
    '      http.Error(w, "Invalid signature", http.StatusUnauthorized)',
    '      return',
    '    }',
    '    log.Printf("Verified webhook: %s", body)',
    '    w.WriteHeader(http.StatusNoContent)',
    '  })',
    '',
    '  port := os.Getenv("PORT")',
    '  if port == "" {',
    '    port = "3000"',
    '  }',
    '  log.Fatal(http.ListenAndServe("127.0.0.1:"+port, nil))',
    '}',
  );
  return { filename: 'main.go', code: tabs(code), run: 'env $(cat .env) go run main.go' };
}

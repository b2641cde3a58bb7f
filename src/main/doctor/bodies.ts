/**
 * The body rules: the bodies a common mistake would have signed instead of the bytes received. Each rule
 * gives its variants of the received body (none when it can't apply) and the words for a match.
 */
import { gunzipSync } from 'node:zlib';
import { isStrictBase64 } from './base64';
import { explanation, type Explanation } from './explanation';
import { pythonDumps, sortedKeys } from './json-forms';

export interface BodyVariant {
  body: Buffer;
  label: string;
}

export interface BodyRule {
  id: string;
  variants(body: ReceivedBody): BodyVariant[];
  explanation: Explanation;
}

/** The parsed JSON and its compact text. */
interface Json {
  value: unknown;
  compact: string;
}

/** The received body, with what several rules need worked out once. */
export class ReceivedBody {
  #json: Json | null | undefined;
  #binary: string | undefined;

  constructor(readonly bytes: Buffer) {}

  /** The parsed JSON, or null when the body isn't JSON. */
  json(): Json | null {
    if (this.#json === undefined) {
      try {
        const value: unknown = JSON.parse(this.bytes.toString('utf8'));
        this.#json = { value, compact: JSON.stringify(value) };
      } catch {
        this.#json = null;
      }
    }
    return this.#json;
  }

  /** Byte-for-byte as text (Latin-1 maps each byte to one character), for edits that must not re-encode. */
  get binary(): string {
    this.#binary ??= this.bytes.toString('latin1');
    return this.#binary;
  }
}

const binary = (text: string) => Buffer.from(text, 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/** Far more than any webhook body: a gzip bomb stops here. */
const GUNZIP_LIMIT = 16 * 1024 * 1024;

const VERIFY_RAW =
  "Verify the raw bytes, before anything parses or rewrites them: express.raw({ type: 'application/json' }) in Express, await request.text() in Next.js, request.get_data() in Flask, await request.body() in FastAPI; parse the JSON only after the signature checks out.";

const reserialised = (form: string, id: string, write: (json: Json) => string): BodyRule => ({
  id,
  variants: (body) => {
    const json = body.json();
    return json ? [{ body: Buffer.from(write(json), 'utf8'), label: `body re-serialised as ${form}` }] : [];
  },
  explanation: explanation(id, 'the body was re-serialised as JSON before verifying', {
    title: 'Body re-serialised as JSON',
    detail: `The signature matches the body written as ${form}. The JSON was parsed and written again between signing and verifying (express.json(), a framework's request.json(), a logger or a proxy), which changes spacing, escapes or key order, so the bytes no longer match.`,
    fix: VERIFY_RAW,
  }),
});

export const BODY_RULES: readonly BodyRule[] = [
  // Byte-level slips first: when re-serialising would give the same bytes, they are the sharper explanation.
  {
    id: 'body-trailing-newline-added',
    variants: ({ binary: text }) =>
      text.endsWith('\n')
        ? [{ body: binary(text.replace(/\r?\n$/, '')), label: 'trailing newline removed from the body' }]
        : [],
    explanation: explanation('body-trailing-newline-added', 'a newline was added at the end of the body', {
      title: 'Trailing newline added to the body',
      detail:
        'The signature matches the body without its final newline: an editor, a shell (echo, a heredoc) or a copy added one after signing.',
      fix: `${VERIFY_RAW} When replaying a request, send the body exactly (curl --data-binary @file, or printf rather than echo).`,
    }),
  },
  {
    id: 'body-trailing-newline-removed',
    variants: ({ binary: text }) =>
      text.endsWith('\n')
        ? []
        : [{ body: binary(`${text}\n`), label: 'newline put back at the end of the body' }],
    explanation: explanation('body-trailing-newline-removed', "the body's final newline was removed", {
      title: "Body's trailing newline removed",
      detail:
        'The signature matches the body with a final newline: it was signed with one, and something (a trim(), a text field, a copy) dropped it.',
      fix: `${VERIFY_RAW} Don't trim the body.`,
    }),
  },
  {
    id: 'body-crlf-to-lf',
    variants: ({ binary: text }) =>
      text.includes('\r\n') ? [{ body: binary(text.split('\r\n').join('\n')), label: 'body CRLF→LF' }] : [],
    explanation: explanation('body-crlf-to-lf', "the body's line endings were changed from LF to CRLF", {
      title: 'Line endings changed (LF → CRLF)',
      detail:
        'The signature matches the body with LF line endings; the body you have has CRLF (a Windows tool, a clipboard or git autocrlf changed them after signing).',
      fix: `${VERIFY_RAW} Keep request bodies out of anything that converts line endings.`,
    }),
  },
  {
    id: 'body-lf-to-crlf',
    variants: ({ binary: text }) =>
      /(?<!\r)\n/.test(text) ? [{ body: binary(text.replace(/\r?\n/g, '\r\n')), label: 'body LF→CRLF' }] : [],
    explanation: explanation('body-lf-to-crlf', "the body's line endings were changed from CRLF to LF", {
      title: 'Line endings changed (CRLF → LF)',
      detail:
        'The signature matches the body with CRLF line endings; the body you have has LF (read in text mode, or normalised by an editor, a clipboard or git).',
      fix: `${VERIFY_RAW} Read it as bytes, not in text mode.`,
    }),
  },
  {
    id: 'body-newlines-removed',
    variants: ({ binary: text }) =>
      /[\r\n]/.test(text) ? [{ body: binary(text.replace(/[\r\n]/g, '')), label: 'body CR/LF removed' }] : [],
    explanation: explanation(
      'body-newlines-removed',
      'the signature covers the body with every line break removed',
      {
        title: 'Signed with all line breaks removed',
        detail:
          'The signature matches the body with every CR and LF removed: the signer stripped them before hashing (as the Mindee Python SDK does), while the body travelled with them.',
        fix: 'Sign and verify the exact bytes sent. With the Mindee Python SDK on one side, send the body without line breaks (compact JSON), so both sides hash the same bytes.',
      },
    ),
  },
  {
    id: 'body-bom-added',
    variants: ({ bytes }) =>
      bytes.subarray(0, 3).equals(BOM)
        ? [{ body: bytes.subarray(3), label: 'UTF-8 BOM removed from the body' }]
        : [],
    explanation: explanation('body-bom-added', 'a UTF-8 byte order mark was added to the body', {
      title: 'UTF-8 BOM added to the body',
      detail:
        'The signature matches the body without the UTF-8 byte order mark (EF BB BF) it starts with: a Windows editor or an encoder added it after signing.',
      fix: `${VERIFY_RAW} Save replayed bodies as UTF-8 without BOM.`,
    }),
  },
  {
    id: 'body-bom-removed',
    variants: ({ bytes }) =>
      bytes.subarray(0, 3).equals(BOM)
        ? []
        : [{ body: Buffer.concat([BOM, bytes]), label: 'UTF-8 BOM put back at the start of the body' }],
    explanation: explanation('body-bom-removed', "the body's UTF-8 byte order mark was removed", {
      title: "Body's UTF-8 BOM removed",
      detail:
        'The signature matches the body with a UTF-8 byte order mark (EF BB BF) in front: a text decoder dropped it before verifying.',
      fix: `${VERIFY_RAW} Decoding to text drops the BOM; hash the bytes instead.`,
    }),
  },
  reserialised('compact JSON (JSON.stringify)', 'body-json-compact', (json) => json.compact),
  reserialised('2-space indented JSON', 'body-json-pretty', (json) => JSON.stringify(json.value, null, 2)),
  reserialised('Python\'s json.dumps (", " and ": ", ensure_ascii)', 'body-json-python', (json) =>
    pythonDumps(json.compact),
  ),
  reserialised('JSON with sorted keys', 'body-json-sorted-keys', (json) =>
    JSON.stringify(sortedKeys(json.value)),
  ),
  {
    id: 'body-latin1-utf8',
    variants: ({ bytes, binary: text }) => {
      if (!/[^\p{ASCII}]/u.test(text)) return [];
      const variants = [
        { body: Buffer.from(text, 'utf8'), label: 'body bytes read as Latin-1, signed as UTF-8' },
      ];
      const decoded = bytes.toString('utf8');
      // Only when the bytes are valid UTF-8 of text that Latin-1 can hold.
      return !/[\u0100-\uffff]/.test(decoded) && Buffer.from(decoded, 'utf8').equals(bytes)
        ? [{ body: binary(decoded), label: 'body UTF-8 text back to Latin-1 bytes' }, ...variants]
        : variants;
    },
    explanation: explanation(
      'body-latin1-utf8',
      'the non-ASCII text of the body was decoded as Latin-1 instead of UTF-8',
      {
        title: 'Latin-1 and UTF-8 mixed up',
        detail:
          'The signature matches the body with its non-ASCII characters re-encoded between Latin-1 (ISO-8859-1) and UTF-8: one side decoded the bytes with the wrong charset (a missing charset=utf-8, a default of ISO-8859-1) and hashed the text.',
        fix: `${VERIFY_RAW} If text is needed, decode it as UTF-8.`,
      },
    ),
  },
  {
    id: 'body-base64',
    variants: ({ binary: text }) =>
      isStrictBase64(text.trim())
        ? [{ body: Buffer.from(text.trim(), 'base64'), label: 'body base64-decoded' }]
        : [],
    explanation: explanation('body-base64', 'the body arrived base64-encoded', {
      title: 'Body wrapped in base64',
      detail:
        'The signature matches the base64 decoding of the body: an API gateway (AWS API Gateway, Lambda function URLs, Azure Functions) passed the body on base64-encoded.',
      fix: 'Decode the body first when the gateway says so (isBase64Encoded: true), then verify those bytes.',
    }),
  },
  {
    id: 'body-gzip',
    variants: ({ bytes }) => {
      if (!bytes.subarray(0, 2).equals(GZIP_MAGIC)) return [];
      try {
        return [{ body: gunzipSync(bytes, { maxOutputLength: GUNZIP_LIMIT }), label: 'body gunzipped' }];
      } catch {
        return [];
      }
    },
    explanation: explanation(
      'body-gzip',
      'the body is gzip-compressed and the signature covers it uncompressed',
      {
        title: 'Gzip-compressed body',
        detail:
          'The signature matches the body once decompressed: it was signed, then compressed (Content-Encoding: gzip) on the way.',
        fix: 'Decompress the body (as the Content-Encoding header says) before verifying, or have the sender sign what it sends.',
      },
    ),
  },
];

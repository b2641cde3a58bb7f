/**
 * Reads a request the user pastes into the doctor: a raw HTTP request (request line, headers, a blank line,
 * the body; CRLF or LF) or a curl command (as "Copy as curl" writes them, and as people usually write them).
 * Anything it can't read is an AppError('INVALID_INPUT') that says why.
 */
import { AppError } from '../../shared/errors';

export interface PastedRequest {
  method: string;
  /** The path (raw request) or URL (curl). */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

export function parsePastedRequest(text: string): PastedRequest {
  const start = text.trimStart();
  if (/^curl\s/.test(start)) return parseCurl(start);
  if (REQUEST_LINE.test(start.split(/\r?\n/, 1)[0] ?? '')) return parseRawRequest(start);
  throw invalid(
    'Paste a raw HTTP request (starting with a line such as "POST /path HTTP/1.1") or a curl command.',
  );
}

const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?$/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const invalid = (reason: string) => new AppError('INVALID_INPUT', reason);

function parseRawRequest(text: string): PastedRequest {
  const blank = /\r?\n\r?\n/.exec(text);
  const head = blank ? text.slice(0, blank.index) : text.replace(/\r?\n$/, '');
  const body = blank ? text.slice(blank.index + blank[0].length) : '';
  const [requestLine = '', ...lines] = head.split(/\r?\n/);
  const [, method = '', target = ''] = REQUEST_LINE.exec(requestLine) ?? [];
  const headers: Record<string, string> = {};
  lines.forEach((line, index) => {
    // HTTP/2 pseudo-headers (:authority, as browser tools show them) carry nothing the doctor reads.
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    if (colon <= 0 || !HEADER_NAME.test(name)) {
      throw invalid(
        `Line ${index + 2} is not a header ("Name: value"); a blank line must separate the body.`,
      );
    }
    addHeader(headers, name, line.slice(colon + 1).trim());
  });
  return { method, target, headers, body: Buffer.from(body, 'utf8') };
}

/** A repeated header is one header whose values are joined with ", " (as HTTP reads it). */
function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = Object.keys(headers).find((other) => other.toLowerCase() === name.toLowerCase());
  if (existing === undefined) headers[name] = value;
  else headers[existing] = `${headers[existing]}, ${value}`;
}

/** curl options that change nothing the doctor looks at. */
const IGNORED_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-g',
  '--globoff',
  '-i',
  '--include',
  '-v',
  '--verbose',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '-f',
  '--fail',
  '--compressed',
  '-N',
  '--no-buffer',
]);
const IGNORED_WITH_VALUE = new Set([
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--retry',
]);
const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
/** Short options that take a value, which may be glued on (-HName: value). */
const SHORT_WITH_VALUE = new Set(['-H', '-X', '-d', '-A', '-e', '-o', '-m', '-w', '-b']);

function parseCurl(command: string): PastedRequest {
  const words = shellWords(command).slice(1);
  const headers: Record<string, string> = {};
  const data: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < words.length; i++) {
    let option = words[i] as string;
    let value: string | undefined;
    if (SHORT_WITH_VALUE.has(option.slice(0, 2)) && option.length > 2 && !option.startsWith('--')) {
      value = option.slice(2);
      option = option.slice(0, 2);
    }
    const takeValue = () => {
      if (value !== undefined) return value;
      const next = words[++i];
      if (next === undefined) throw invalid(`curl's ${option} needs a value.`);
      return next;
    };
    if (!option.startsWith('-')) {
      url ??= option;
    } else if (option === '--url') {
      url = takeValue();
    } else if (option === '-H' || option === '--header') {
      curlHeader(headers, takeValue());
    } else if (option === '-X' || option === '--request') {
      method = takeValue();
    } else if (option === '-A' || option === '--user-agent') {
      addHeader(headers, 'User-Agent', takeValue());
    } else if (option === '-e' || option === '--referer') {
      addHeader(headers, 'Referer', takeValue());
    } else if (option === '-b' || option === '--cookie') {
      addHeader(headers, 'Cookie', takeValue());
    } else if (DATA_OPTIONS.has(option)) {
      const body = takeValue();
      if (body.startsWith('@') && option !== '--data-raw') {
        throw invalid(
          `curl's ${option} ${body} reads the body from a file: paste the body itself (or use --data-raw).`,
        );
      }
      if (option === '--json') addHeader(headers, 'Content-Type', 'application/json');
      data.push(body);
    } else if (IGNORED_WITH_VALUE.has(option)) {
      takeValue();
    } else if (!IGNORED_FLAGS.has(option) && !/^-[sSgivLkfN]+$/.test(option)) {
      throw invalid(`The curl option ${option} isn't supported here; remove it or paste the raw request.`);
    }
  }
  if (url === undefined) throw invalid('The curl command has no URL.');
  // curl joins several -d with "&", as a form would.
  return {
    method: method ?? (data.length > 0 ? 'POST' : 'GET'),
    target: url,
    headers,
    body: Buffer.from(data.join('&'), 'utf8'),
  };
}

/** curl's -H: "Name: value"; "Name;" sends an empty value; "Name:" alone removes a header curl would add. */
function curlHeader(headers: Record<string, string>, header: string): void {
  const notAHeader = () => invalid(`"${header}" is not a header ("Name: value").`);
  const emptyValue = /^([^:;]+);$/.exec(header);
  if (emptyValue) {
    const name = emptyValue[1] as string;
    if (!HEADER_NAME.test(name)) throw notAHeader();
    return addHeader(headers, name, '');
  }
  const colon = header.indexOf(':');
  const name = header.slice(0, colon).trim();
  if (colon <= 0 || !HEADER_NAME.test(name)) throw notAHeader();
  const value = header.slice(colon + 1).trim();
  if (value !== '') addHeader(headers, name, value);
}

/** The shell would replace these ($VAR, $(…), `…`) before curl saw them: the body checked would not be the one sent. */
const substitutions = () =>
  invalid('The command uses shell substitutions ($, `): paste it with the values filled in.');

/** Splits a POSIX shell command into words: '…', "…", $'…', backslash escapes and line continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const append = (text: string) => (word = (word ?? '') + text);
  while (i < command.length) {
    const char = command[i] as string;
    if (char === '\\' && /\r?\n/y.test(command.slice(i + 1, i + 3))) {
      i += command[i + 1] === '\r' ? 3 : 2; // a line continuation
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (char === '\\') {
      append(command[i + 1] ?? '');
      i += 2;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw invalid('A single quote is never closed.');
      append(command.slice(i + 1, end));
      i = end + 1;
    } else if (char === '$' && command[i + 1] === "'") {
      i = ansiQuoted(command, i + 2, append);
    } else if (char === '$' || char === '`') {
      throw substitutions();
    } else if (char === '"') {
      i = doubleQuoted(command, i + 1, append);
    } else {
      append(char);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Inside "…", a backslash escapes only $ ` " \ and a newline. Returns the index after the closing quote. */
function doubleQuoted(command: string, from: number, append: (text: string) => void): number {
  let i = from;
  while (i < command.length && command[i] !== '"') {
    if (command[i] === '$' || command[i] === '`') throw substitutions();
    if (command[i] === '\\' && '$`"\\\n'.includes(command[i + 1] ?? '')) {
      if (command[i + 1] !== '\n') append(command[i + 1] as string);
      i += 2;
    } else {
      append(command[i] as string);
      i++;
    }
  }
  if (i >= command.length) throw invalid('A double quote is never closed.');
  return i + 1;
}

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

/** $'…' (bash, zsh): C-style escapes (\\n, \\t, \\uXXXX…). Returns the index after the closing quote. */
function ansiQuoted(command: string, from: number, append: (text: string) => void): number {
  let i = from;
  while (i < command.length && command[i] !== "'") {
    if (command[i] !== '\\') {
      append(command[i] as string);
      i++;
      continue;
    }
    const unicode = /^u[0-9a-fA-F]{4}/.exec(command.slice(i + 1));
    if (unicode) {
      append(String.fromCharCode(parseInt(unicode[0].slice(1), 16)));
      i += 1 + unicode[0].length;
    } else {
      append(ANSI_ESCAPES[command[i + 1] ?? ''] ?? `\\${command[i + 1] ?? ''}`);
      i += 2;
    }
  }
  if (i >= command.length) throw invalid("A $'…' quote is never closed.");
  return i + 1;
}

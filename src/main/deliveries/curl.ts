/** Builds a POSIX-shell curl command that sends a recorded request again, byte for byte. */
import type { DeliveryRequest } from '../../shared/delivery';

/** Single-quotes a word for sh/bash/zsh: nothing inside single quotes is special except the quote itself. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** curl computes these itself from the URL and the body. */
const COMPUTED_BY_CURL = new Set(['content-length', 'host']);

/** Any method: a recorded delivery is a POST, a request the Inbox received may be anything. */
export function curlCommand(request: Omit<DeliveryRequest, 'method'> & { method: string }): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => !COMPUTED_BY_CURL.has(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${value}`);
  const words = [
    'curl',
    '--silent',
    '--show-error',
    // The URL as it is: no [1-3] or {a,b} ranges expanded into several requests.
    '--globoff',
    '--request',
    request.method,
    shellQuote(request.url),
    ...headers.flatMap((header) => ['--header', shellQuote(header)]),
    // No headers of curl's own that the original request did not have.
    '--header',
    shellQuote('Accept:'),
    '--header',
    shellQuote('Expect:'),
    // --data-raw sends the text exactly: no @file reading, no newline stripping.
    '--data-raw',
    shellQuote(request.body),
  ];
  return words.join(' ');
}

/** How the Inbox shows a received request: its size, its time, the answer's text and the body's bytes as text. */
import { INBOX_STATUS_TEXT, type ReceivedRequest } from '../../../../shared/inbox';

/** "0 B", "512 B", "1.5 KiB", "2.3 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${unit}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** "14:05:09": when it arrived, to the second (the list shows a session's requests). */
export const timeOfDay = (iso: string): string => timeFormat.format(new Date(iso));

const STATUS_TEXT: Record<number, string> = INBOX_STATUS_TEXT;

export const statusLabel = (status: number): string => `${status} ${STATUS_TEXT[status] ?? ''}`.trim();

export interface BodyText {
  /** The kept bytes as text (invalid UTF-8 sequences as U+FFFD). */
  text: string;
  /** False when the bytes are not valid UTF-8: the text is then not exactly what was sent. */
  utf8: boolean;
  /** The bytes kept (the whole body unless truncated). */
  keptBytes: number;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The body as the sender's bytes read as UTF-8, saying when they are not. A truncated body may end inside a
 * character: that cut is not counted against it.
 */
export function bodyText(request: Pick<ReceivedRequest, 'bodyBase64' | 'truncated'>): BodyText {
  const bytes = bytesOf(request.bodyBase64);
  const options = { stream: request.truncated };
  const decode = (fatal: boolean) =>
    new TextDecoder('utf-8', { fatal, ignoreBOM: true }).decode(bytes, options);
  try {
    return { text: decode(true), utf8: true, keptBytes: bytes.length };
  } catch {
    return { text: decode(false), utf8: false, keptBytes: bytes.length };
  }
}

import { z } from 'zod';
import { originOf } from '../shell/origin';
import { issueText } from '../../shared/zod-issues';
import { AppError, type ErrorInfo, type Result } from '../../shared/errors';

/** The parts of Electron's IpcMainInvokeEvent the wrapper looks at. */
export interface InvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<unknown>): void;
}

export type SenderCheck = (event: InvokeEvent) => boolean;

/** Accepts only our own top-level frame, loaded from one of the trusted origins. */
export function ownTopFrameCheck(trustedOrigins: readonly string[]): SenderCheck {
  return ({ senderFrame }) => {
    if (!senderFrame || senderFrame.parent !== null) return false;
    const origin = originOf(senderFrame.url);
    return origin !== null && trustedOrigins.includes(origin);
  };
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => issueText(issue, 'input'))
    .join('; ');
}

export function toErrorInfo(error: unknown, channel: string): ErrorInfo {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  // Unexpected: log the message for the developer, give the user a generic one. No secret is ever in it.
  console.error(
    `[hookwarden] ${channel} failed unexpectedly:`,
    error instanceof Error ? error.message : error,
  );
  return {
    code: 'INTERNAL',
    message: 'Something unexpected went wrong. Try again; if it persists, restart the app.',
  };
}

/** Registers one channel: checks the sender, parses the input, calls the handler, wraps the answer as a Result. */
export function handle<I, O>(
  ipcMain: IpcMainLike,
  channel: string,
  schema: z.core.$ZodType<I>,
  handler: (input: I) => O | Promise<O>,
  isTrustedSender: SenderCheck,
): void {
  ipcMain.handle(channel, async (event, raw): Promise<Result<O>> => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This call did not come from the Hookwarden window.' },
      };
    }
    const parsed = z.safeParse(schema, raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error, channel) };
    }
  });
}

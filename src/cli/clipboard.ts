/** The system clipboard outside Electron (clipboardy: pbcopy, clip, wl-clipboard or xsel). */
import clipboardy from 'clipboardy';
import type { ClipboardPort } from '../main/ports';
import { CliError, EXIT } from './exit-codes';

function unavailable(error: unknown): CliError {
  return new CliError(
    `The clipboard cannot be used here (${(error as Error).message.split('\n')[0]}). ` +
      'On Linux it needs a desktop session (an X11 or Wayland display).',
    EXIT.failed,
  );
}

async function write(text: string): Promise<void> {
  try {
    await clipboardy.write(text);
  } catch (error) {
    throw unavailable(error);
  }
}

/** No concealment marker: the command line cannot set one, so the clearing below matters all the more. */
export const cliClipboard: ClipboardPort = {
  async readText() {
    try {
      return await clipboardy.read();
    } catch {
      return '';
    }
  },
  writeText: write,
  writeSecret: write,
  clear() {
    try {
      clipboardy.writeSync('');
    } catch {
      // Nothing was copied where there is no clipboard.
    }
  },
};

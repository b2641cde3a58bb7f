import { ClipboardItem, clipboard } from 'electron';
import type { ClipboardPort } from '../ports';

/** How Electron (44 and later) names a raw platform clipboard format in a ClipboardItem. */
const osFormat = (name: string) => `electron application/osclipboard;format="${name}"`;

const DWORD_ZERO = new Uint8Array(4);

/**
 * The raw formats, with their bytes, that each platform's clipboard managers and history take to mean "a secret".
 * None is a guarantee: a clipboard manager may ignore them, which is why the secret service also clears the copy.
 */
function secretMarkers(platform: NodeJS.Platform): Record<string, Uint8Array<ArrayBuffer>> {
  // nspasteboard.org: the type's presence is the mark, so it carries no bytes (as Chromium and arboard write it).
  if (platform === 'darwin') return { 'org.nspasteboard.ConcealedType': new Uint8Array(0) };
  // learn.microsoft.com "Cloud Clipboard and Clipboard History Formats": the first takes any data, the two Can…
  // formats a DWORD 0. 4 zero bytes for all three (as arboard does): an empty payload would be a 0-byte HGLOBAL.
  if (platform === 'win32')
    return {
      ExcludeClipboardContentFromMonitorProcessing: DWORD_ZERO,
      CanIncludeInClipboardHistory: DWORD_ZERO,
      CanUploadToCloudClipboard: DWORD_ZERO,
    };
  // X11 and Wayland: KDE's hint, honoured by Klipper, wl-clipboard and others. GNOME has no convention of its own.
  return { 'x-kde-passwordManagerHint': new TextEncoder().encode('secret') };
}

export type SystemClipboard = ClipboardPort & {
  /** Writes a signing secret as text, marked where the platform allows so clipboard managers and history don't keep it. */
  writeSecret(text: string): Promise<void>;
};

/** The clipboard adapter for `platform`; injectable so tests can check each platform's writes. */
export function createSystemClipboard(platform: NodeJS.Platform = process.platform): SystemClipboard {
  const markers = Object.fromEntries(
    Object.entries(secretMarkers(platform)).map(([name, bytes]) => [osFormat(name), new Blob([bytes])]),
  );
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    // One ClipboardItem is one native commit (a single ScopedClipboardWriter): the text and the markers replace the
    // clipboard together, so no clipboard watcher ever sees the secret unmarked.
    writeSecret: (text) => clipboard.write([new ClipboardItem({ 'text/plain': text, ...markers })]),
    clear: () => clipboard.clear(),
  };
}

export const systemClipboard = createSystemClipboard();

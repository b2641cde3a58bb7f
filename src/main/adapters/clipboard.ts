import { clipboard } from 'electron';
import type { ClipboardPort } from '../services/ports';

export const systemClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => clipboard.clear(),
};

import { beforeEach, describe, expect, it } from 'vitest';
import { createSystemClipboard, systemClipboard } from '../../src/main/shell/clipboard';
import { clipboardDouble, resetElectronDouble } from '../support/electron-double';

const raw = (name: string) => `electron application/osclipboard;format="${name}"`;
const utf8 = (text: string) => new TextEncoder().encode(text);
const dwordZero = new Uint8Array([0, 0, 0, 0]);

/** What each platform's clipboard managers expect next to a secret's text. */
const markers: Record<string, Record<string, Uint8Array>> = {
  darwin: { [raw('org.nspasteboard.ConcealedType')]: new Uint8Array(0) },
  linux: { [raw('x-kde-passwordManagerHint')]: utf8('secret') },
  win32: {
    [raw('ExcludeClipboardContentFromMonitorProcessing')]: dwordZero,
    [raw('CanIncludeInClipboardHistory')]: dwordZero,
    [raw('CanUploadToCloudClipboard')]: dwordZero,
  },
};

beforeEach(() => resetElectronDouble());

describe('clipboard adapter', () => {
  it.each(Object.keys(markers))(
    'on %s, writes a secret and its concealment markers in one write',
    async (platform) => {
      const adapter = createSystemClipboard(platform as NodeJS.Platform);
      await adapter.writeSecret('whsec_x');

      expect(await adapter.readText()).toBe('whsec_x');
      // The double's write replaces the clipboard, as Electron's does: text and markers survive only if written together.
      expect(Object.fromEntries(clipboardDouble.formats)).toEqual({
        'text/plain': utf8('whsec_x'),
        ...markers[platform],
      });
    },
  );

  it('marks a secret for the platform it runs on', async () => {
    await systemClipboard.writeSecret('whsec_x');
    expect([...clipboardDouble.formats.keys()]).toEqual([
      'text/plain',
      ...Object.keys(markers[process.platform] ?? {}),
    ]);
  });

  it('writes other text plain, and clears text and markers alike', async () => {
    const adapter = createSystemClipboard('linux');
    await adapter.writeText('curl https://example.test');
    expect([...clipboardDouble.formats.keys()]).toEqual(['text/plain']);

    await adapter.writeSecret('whsec_x');
    adapter.clear();
    expect(await adapter.readText()).toBe('');
    expect(clipboardDouble.formats.size).toBe(0);
  });
});

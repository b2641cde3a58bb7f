import { afterEach, describe, expect, it, vi } from 'vitest';
import { clipboardDouble } from '../support/electron-double';
import { startWithWebhook } from '../support/fixtures';

/** Only setTimeout is fake (the clipboard's clear timer): the keychain and the files stay real. */
const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
afterEach(() => {
  vi.useRealTimers();
});

/** Moves fake time on and lets the callbacks that were due finish their (real) async work. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('secrets', () => {
  it('reveals the secret stored in the keychain; unknown id is NOT_FOUND', async () => {
    const { h, hook } = await startWithWebhook();
    const { secret } = await h.ok('secrets.reveal', { id: hook.id });
    expect(await h.vault.get(h.account(hook.id))).toBe(secret);
    expect(await h.invoke('secrets.reveal', { id: crypto.randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('copies in main and clears the clipboard after the delay if it still holds the secret', async () => {
    const { h, hook } = await startWithWebhook({ clipboardClearMs: 150 });
    const { secret } = await h.ok('secrets.reveal', { id: hook.id });
    fakeTimers();
    expect(await h.ok('secrets.copy', { id: hook.id })).toEqual({ clearsAfterMs: 150 });
    expect(clipboardDouble.text).toBe(secret);
    await advance(149);
    expect(clipboardDouble.text).toBe(secret);
    await advance(1);
    expect(clipboardDouble.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { h, hook } = await startWithWebhook({ clipboardClearMs: 150 });
    fakeTimers();
    await h.ok('secrets.copy', { id: hook.id });
    clipboardDouble.text = 'something the user copied';
    await advance(150);
    expect(clipboardDouble.text).toBe('something the user copied');
  });

  it('copies with the documented 30 s default, and clears after exactly that', async () => {
    const { h, hook } = await startWithWebhook();
    const { secret } = await h.ok('secrets.reveal', { id: hook.id });
    fakeTimers();
    expect(await h.ok('secrets.copy', { id: hook.id })).toEqual({ clearsAfterMs: 30_000 });
    await advance(29_999);
    expect(clipboardDouble.text).toBe(secret);
    await advance(1);
    expect(clipboardDouble.text).toBe('');
  });

  it('says SECRET_MISSING when the keychain item is gone, flags the webhook, and regenerate repairs it', async () => {
    const { h, api, hook } = await startWithWebhook();
    await h.vault.delete(h.account(hook.id)); // removed behind the app's back, e.g. in the OS keychain manager

    expect(await h.invoke('secrets.copy', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'SECRET_MISSING' },
    });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ secretMissing: true }),
    ]);
    expect(await h.ok('webhooks.regenerateSecret', { id: hook.id })).toMatchObject({ secretMissing: false });
    expect((await h.ok('secrets.reveal', { id: hook.id })).secret).toMatch(/^whsec_/);
  });

  it('a regenerate clears the old secret from the clipboard, and only that', async () => {
    const { h, hook } = await startWithWebhook();
    await h.ok('secrets.copy', { id: hook.id });
    const old = clipboardDouble.text;
    expect(old).toMatch(/^whsec_/);
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    expect(clipboardDouble.text).toBe('');

    await h.ok('secrets.copy', { id: hook.id });
    clipboardDouble.text = 'something the user copied';
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    expect(clipboardDouble.text).toBe('something the user copied');
  });

  it("quitting clears the copied secret even after another webhook's regenerate", async () => {
    const { h, api, hook } = await startWithWebhook();
    const other = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/b',
    });
    await h.ok('secrets.copy', { id: hook.id });
    const copied = clipboardDouble.text;
    await h.ok('webhooks.regenerateSecret', { id: other.id });
    expect(clipboardDouble.text).toBe(copied);

    await h.services.secrets.clearCopied();
    expect(clipboardDouble.text).toBe('');
  });

  it('quitting leaves alone what the user copied after the copied secret was cleared, even the same secret', async () => {
    const { h, hook } = await startWithWebhook({ clipboardClearMs: 150 });
    const { secret } = await h.ok('secrets.reveal', { id: hook.id });
    fakeTimers();
    await h.ok('secrets.copy', { id: hook.id });
    await advance(150);
    expect(clipboardDouble.text).toBe('');
    // Copied by hand from the revealed secret: not the app's copy, so not the app's to clear.
    clipboardDouble.text = secret;
    await h.services.secrets.clearCopied();
    expect(clipboardDouble.text).toBe(secret);
  });
});

/**
 * "Receiver code" through the real core: the snippet follows the webhook's scheme, path and rotation, holds no
 * secret, and "Copy .env line" puts the real keychain's secrets on the clipboard, cleared as a copied secret is.
 */
import { describe, expect, it } from 'vitest';
import { RECEIVER_LANGUAGES } from '../../src/shared/receiver-code';
import { manualSchedule } from '../support/clock';
import { clipboardDouble } from '../support/electron-double';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';

describe('Receiver code', () => {
  it("follows the webhook's scheme and path, and accepts both secrets during a rotation", async () => {
    const { h, hook } = await startWithWebhook();
    await h.ok('webhooks.updateUrl', { id: hook.id, url: 'https://api.example.com/hooks/in?x=1' });
    await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'stripe' });
    const plain = await h.ok('receiverCode.get', { id: hook.id, language: 'node-express' });
    expect(plain).toMatchObject({
      language: 'node-express',
      env: [{ name: 'HOOKWARDEN_SECRET', role: 'current' }],
    });
    expect(plain.code).toContain("'/hooks/in'");
    expect(plain.code).toContain('constructEvent');
    expect(plain.code).not.toContain('HOOKWARDEN_PREVIOUS_SECRET');

    await h.ok('rotation.roll', { id: hook.id });
    const rotating = await h.ok('receiverCode.get', { id: hook.id, language: 'python-flask' });
    expect(rotating.env.map((e) => e.role)).toEqual(['current', 'previous']);
    expect(rotating.code).toContain('HOOKWARDEN_PREVIOUS_SECRET');
    for (const secret of (await profileItems(h)).values())
      expect(JSON.stringify(rotating)).not.toContain(secret);

    // The answer names the file the code goes in ("Copied the code of app.py").
    expect(await h.ok('receiverCode.copy', { id: hook.id, language: 'python-flask' })).toEqual({
      filename: 'app.py',
    });
    expect(clipboardDouble.text).toBe(rotating.code);
  });

  it('names each language as the language picker shows it', async () => {
    const { h, hook } = await startWithWebhook();
    const labels: Record<string, string> = {};
    for (const language of RECEIVER_LANGUAGES) {
      labels[language] = (await h.ok('receiverCode.get', { id: hook.id, language })).label;
    }
    expect(labels).toEqual({
      'node-express': 'Node.js (Express)',
      'node-nextjs': 'Node.js (Next.js)',
      'python-flask': 'Python (Flask)',
      'python-fastapi': 'Python (FastAPI)',
      go: 'Go (net/http)',
      php: 'PHP',
      'ruby-sinatra': 'Ruby (Sinatra)',
    });
  });

  it('"Copy .env line": the secrets of the roles the code reads, cleared after 30 s', async () => {
    const timers = manualSchedule();
    const { h, hook } = await startWithWebhook({ schedule: timers.schedule });
    await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'standard-webhooks' });
    await h.ok('rotation.roll', { id: hook.id });
    const items = await profileItems(h);
    const copied = await h.ok('receiverCode.copyEnv', { id: hook.id });
    expect(copied).toEqual({
      clearsAfterMs: 30_000,
      names: ['HOOKWARDEN_SECRET', 'HOOKWARDEN_PREVIOUS_SECRET'],
    });
    expect(clipboardDouble.text).toBe(
      `HOOKWARDEN_SECRET=${items.get(hook.id)}\nHOOKWARDEN_PREVIOUS_SECRET=${items.get(`${hook.id}#previous`)}\n`,
    );
    await timers.advance(30_000);
    expect(clipboardDouble.text).toBe('');
  });
});

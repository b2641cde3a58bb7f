/**
 * Several revealed rows at once: each shows its own webhook's secret (the revealed-secret store is keyed by
 * webhook id), against the real main core and keychain (renderer-backend.ts).
 */
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../support/renderer-backend';
import { renderApp, rowOf } from './render-app';

const URLS = ['https://a.example.com/hooks', 'https://b.example.com/hooks', 'http://localhost:8080/c'];

const button = (row: HTMLElement, name: string) => within(row).getByRole('button', { name });

async function secretOf(backend: Backend, id: string): Promise<string> {
  const secret = await backend.secretOf(id);
  if (secret === null) throw new Error(`the keychain holds no secret for ${id}`);
  return secret;
}

/** What each row shows in its secret cell: the revealed value, or null while masked. */
const shown = () => URLS.map((url) => rowOf(url).querySelector('[data-revealed]')?.textContent ?? null);

describe('revealed secrets, several rows at once', () => {
  it('each revealed row shows its own secret, whatever the order of revealing and hiding', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi('Invoices', ['v4']);
    const hooks = [];
    for (const url of URLS) hooks.push(await backend.seedWebhook(api, url));
    const secrets = await Promise.all(hooks.map((hook) => secretOf(backend, hook.id)));
    expect(new Set(secrets).size).toBe(3);
    const { user } = await renderApp(backend);
    const [a, b, c] = secrets;

    await user.click(button(rowOf(URLS[0] as string), 'Reveal signing secret'));
    await within(rowOf(URLS[0] as string)).findByText(a as string);
    await user.click(button(rowOf(URLS[2] as string), 'Reveal signing secret'));
    await within(rowOf(URLS[2] as string)).findByText(c as string);
    expect(shown()).toEqual([a, null, c]);

    await user.click(button(rowOf(URLS[1] as string), 'Reveal signing secret'));
    await within(rowOf(URLS[1] as string)).findByText(b as string);
    expect(shown()).toEqual([a, b, c]);

    await user.click(button(rowOf(URLS[1] as string), 'Hide signing secret'));
    expect(shown()).toEqual([a, null, c]);
    await user.click(button(rowOf(URLS[0] as string), 'Hide signing secret'));
    expect(shown()).toEqual([null, null, c]);
  });
});

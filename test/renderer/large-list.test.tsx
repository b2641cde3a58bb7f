import { randomUUID } from 'node:crypto';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { accountOf } from '../../src/main/keychain/profile-secrets';
import { systemClock } from '../../src/main/ports';
import { createWebhook, updateUrl } from '../../src/renderer/src/features/webhooks/actions';
import { manyWebhooks } from '../support/config-data';
import { memoryVault } from '../support/memory-vault';
import { useWebhooks } from '../../src/renderer/src/stores/webhooks';
import { startBackend } from '../support/renderer-backend';
import { tempDir } from '../support/temp';
import { bodyRows, renderApp, table } from './render-app';

// Counts row renders: each row renders its updated time once per render.
const renders: string[] = [];
vi.mock('../../src/renderer/src/features/common/RelativeTime', () => ({
  RelativeTime: ({ iso }: { iso: string }) => {
    renders.push(iso);
    return <time dateTime={iso}>{iso}</time>;
  },
}));

describe('a large list', () => {
  it('keeps 10,000 webhooks in a virtualized, still accessible table', async () => {
    // A config and keychain a long-used profile could have; written directly, as 10,000 creates would take long.
    const dir = tempDir();
    const { store } = openConfigStore(dir, systemClock);
    const config = store.read();
    const apiId = randomUUID();
    const webhooks = manyWebhooks(apiId, 10_000, {
      url: (i) => `https://hooks.example.com/${i}`,
      version: () => 'v4',
    });
    store.update(() => ({
      ...config,
      apis: [{ id: apiId, name: 'Invoices', versions: ['v4'], createdAt: new Date().toISOString() }],
      webhooks,
    }));
    const secret = `whsec_${'A'.repeat(43)}=`;
    const vault = memoryVault(webhooks.map((w) => [accountOf(config.profileId, w.id), secret] as const));
    await renderApp(await startBackend({ dir, vault }));

    expect(table()).toHaveAttribute('aria-rowcount', '10001');
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect(within(rows[0] as HTMLElement).getByText('https://hooks.example.com/0')).toBeInTheDocument();
    expect(screen.queryByText('https://hooks.example.com/9999')).toBeNull();
    expect(screen.queryByText('Signing secret missing from the keychain.')).toBeNull();
  });

  it('re-renders only the row whose webhook changed', async () => {
    const backend = await startBackend();
    const api = await backend.seedApi();
    const a = await backend.seedWebhook(api, 'https://hooks.example.com/a', {
      at: new Date('2026-01-01T00:00:00Z'),
    });
    const b = await backend.seedWebhook(api, 'https://hooks.example.com/b', {
      at: new Date('2026-02-01T00:00:00Z'),
    });
    expect([a.createdAt, b.createdAt]).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    await renderApp(backend);
    renders.length = 0;

    await act(() => updateUrl(a.id, 'https://hooks.example.com/a2'));
    expect(
      within(bodyRows()[0] as HTMLElement).getByText('https://hooks.example.com/a2'),
    ).toBeInTheDocument();
    const aUpdated = useWebhooks.getState().byId[a.id]?.updatedAt;
    expect(renders).toContain(aUpdated);
    expect(renders).not.toContain(b.updatedAt);

    // A new row re-renders the table, but not the rows already there.
    renders.length = 0;
    await act(() => createWebhook({ apiId: api.id, version: 'v4', url: 'https://c.example.com/' }));
    expect(await screen.findByText('https://c.example.com/')).toBeInTheDocument();
    expect(renders).not.toContain(aUpdated);
    expect(renders).not.toContain(b.updatedAt);
  });
});

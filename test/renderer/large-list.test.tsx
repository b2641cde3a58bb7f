import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useWebhooks } from '../../src/renderer/src/stores/webhooks';
import { FakeHookwarden } from '../support/fake-hookwarden';
import { bodyRows, renderApp, table } from './render-app';

// Counts row renders: each row renders its created time once per render.
const renders: string[] = [];
vi.mock('../../src/renderer/src/features/common/RelativeTime', () => ({
  RelativeTime: ({ iso }: { iso: string }) => {
    renders.push(iso);
    return <time dateTime={iso}>{iso}</time>;
  },
}));

describe('a large list', () => {
  it('keeps 10,000 webhooks in a virtualized, still accessible table', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi();
    for (let i = 0; i < 10_000; i++) fake.seedWebhook(api.id, `https://hooks.example.com/${i}`);
    await renderApp(fake);

    expect(table()).toHaveAttribute('aria-rowcount', '10001');
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect(within(rows[0] as HTMLElement).getByText('https://hooks.example.com/0')).toBeInTheDocument();
    expect(screen.queryByText('https://hooks.example.com/9999')).toBeNull();
  });

  it('re-renders only the row whose webhook changed', async () => {
    const fake = new FakeHookwarden();
    const api = fake.seedApi();
    const a = fake.seedWebhook(api.id, 'https://hooks.example.com/a', {
      at: new Date('2026-01-01T00:00:00Z'),
    });
    const b = fake.seedWebhook(api.id, 'https://hooks.example.com/b', {
      at: new Date('2026-02-01T00:00:00Z'),
    });
    await renderApp(fake);
    renders.length = 0;

    await act(() => useWebhooks.getState().updateUrl(a.id, 'https://hooks.example.com/a2'));
    expect(
      within(bodyRows()[0] as HTMLElement).getByText('https://hooks.example.com/a2'),
    ).toBeInTheDocument();
    expect(renders).toContain(a.createdAt);
    expect(renders).not.toContain(b.createdAt);

    // A new row re-renders the table, but not the rows already there.
    renders.length = 0;
    await act(() =>
      useWebhooks.getState().create({ apiId: api.id, version: 'v4', url: 'https://c.example.com/' }),
    );
    expect(await screen.findByText('https://c.example.com/')).toBeInTheDocument();
    expect(renders).not.toContain(a.createdAt);
    expect(renders).not.toContain(b.createdAt);
  });
});

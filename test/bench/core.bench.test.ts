import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { emptyConfig } from '../../src/main/config/schema';
import { systemClock } from '../../src/main/ports';
import type { Webhook } from '../../src/shared/domain';
import { removeTestKeychainItems } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';
import { median, ms, percentile, report, sample } from './measure';

it('keychain-backed operations through IPC: create, reveal, regenerate (median of 100)', async () => {
  const h = await startHarness();
  const api = await h.ok('apis.create', { name: 'Bench', versions: ['v1'] });
  const ids: string[] = [];
  const create = await sample(100, async (i) => {
    ids.push((await h.ok('webhooks.create', { apiId: api.id, version: 'v1', url: `https://e.com/${i}` })).id);
  });
  const reveal = await sample(100, (i) => h.ok('secrets.reveal', { id: ids[i] as string }));
  const regenerate = await sample(100, (i) => h.ok('webhooks.regenerateSecret', { id: ids[i] as string }));
  await removeTestKeychainItems();

  const row = (name: string, s: number[]) => ({
    operation: name,
    median_ms: ms(median(s)),
    p95_ms: ms(percentile(s, 95)),
  });
  report('Keychain operations (real gnome-keyring, via the IPC handler)', [
    row('webhooks.create', create),
    row('secrets.reveal', reveal),
    row('webhooks.regenerateSecret', regenerate),
  ]);
  expect(create).toHaveLength(100);
});

it('webhooks.list with 10,000 webhooks in one API (median of 50)', async () => {
  const dir = tempDir();
  const { store } = openConfigStore(dir, systemClock);
  const apiId = randomUUID();
  const now = new Date().toISOString();
  const webhooks: Webhook[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: randomUUID(),
    apiId,
    version: i % 2 ? 'v1' : 'v2',
    url: i % 3 ? `https://hooks.example.com/${i}` : `http://localhost:${3000 + (i % 1000)}/hook`,
    createdAt: now,
    updatedAt: now,
    secretRotatedAt: now,
    scheme: 'mindee',
  }));
  const writeStart = performance.now();
  store.update(() => ({
    ...emptyConfig(),
    apis: [{ id: apiId, name: 'Big', versions: ['v1', 'v2'], createdAt: now }],
    webhooks,
  }));
  const writeMs = performance.now() - writeStart;

  const startStart = performance.now();
  const h = await startHarness({ dir });
  const startMs = performance.now() - startStart;
  const list = await sample(50, () => h.ok('webhooks.list', { apiId }));
  const one = await h.ok('webhooks.list', { apiId });
  expect(one).toHaveLength(10_000);

  report('webhooks.list, 10,000 webhooks', [
    { measure: 'webhooks.list median', ms: ms(median(list)) },
    { measure: 'webhooks.list p95', ms: ms(percentile(list, 95)) },
    { measure: 'config write (10,000 webhooks, validated, atomic)', ms: ms(writeMs) },
    { measure: 'app start over that config (open + reconcile)', ms: ms(startMs) },
  ]);
});

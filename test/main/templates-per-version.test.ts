/**
 * A saved test payload belongs to one API version: saving, replacing or resetting it leaves the other versions
 * of that API, and the same version name of another API, as they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/main-harness';

describe('payload templates per API version', () => {
  it('save, replace and reset touch only their own API version', async () => {
    const h = await startHarness();
    const a = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
    const b = await h.ok('apis.create', { name: 'Receipts', versions: ['v4'] });
    const stored = () =>
      (
        JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')) as {
          templates: { apiId: string; version: string; json: string }[];
        }
      ).templates
        .map((t) => `${t.apiId === a.id ? 'A' : 'B'}/${t.version}=${t.json}`)
        .toSorted();
    const custom = async (apiId: string, version: string) => {
      const template = await h.ok('templates.get', { apiId, version });
      return template.custom ? template.json : null;
    };

    await h.ok('templates.save', { apiId: a.id, version: 'v4', json: '{"n":1}' });
    expect([await custom(a.id, 'v4'), await custom(a.id, 'v3'), await custom(b.id, 'v4')]).toEqual([
      '{"n":1}',
      null,
      null,
    ]);

    await h.ok('templates.save', { apiId: a.id, version: 'v3', json: '{"n":2}' });
    await h.ok('templates.save', { apiId: b.id, version: 'v4', json: '{"n":3}' });
    await h.ok('templates.save', { apiId: a.id, version: 'v4', json: '{"n":4}' });
    expect(stored()).toEqual(['A/v3={"n":2}', 'A/v4={"n":4}', 'B/v4={"n":3}']);

    await h.ok('templates.reset', { apiId: a.id, version: 'v4' });
    expect(stored()).toEqual(['A/v3={"n":2}', 'B/v4={"n":3}']);
    expect([await custom(a.id, 'v4'), await custom(a.id, 'v3'), await custom(b.id, 'v4')]).toEqual([
      null,
      '{"n":2}',
      '{"n":3}',
    ]);
  });
});

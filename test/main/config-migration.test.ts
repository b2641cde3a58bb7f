import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_VERSION } from '../../src/main/config/schema';
import { testVault } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';

function v1Config() {
  const apiId = randomUUID();
  const api = { id: apiId, name: 'Invoices', versions: ['v4', 'v3'], createdAt: '2026-01-02T03:04:05.000Z' };
  const webhook = (version: string, url: string) => ({
    id: randomUUID(),
    apiId,
    version,
    url,
    createdAt: '2026-01-02T03:04:06.000Z',
    updatedAt: '2026-01-03T03:04:06.000Z',
    secretRotatedAt: '2026-01-02T03:04:06.000Z',
  });
  return {
    schemaVersion: 1,
    apis: [api],
    webhooks: [webhook('v4', 'https://api.example.com/hooks'), webhook('v3', 'http://localhost:8080/in')],
  };
}

describe('config schema version 2', () => {
  it.each([1, 0])(
    'migrates a version %i file on open: webhooks get the Mindee scheme, nothing is lost',
    async (fromVersion) => {
      const dir = tempDir();
      const old: Record<string, unknown> = v1Config();
      if (fromVersion === 0) delete old.schemaVersion;
      writeFileSync(join(dir, 'config.json'), JSON.stringify(old));
      const vault = testVault();
      const webhooks = old.webhooks as { id: string }[];
      for (const { id } of webhooks) await vault.set(id, `whsec_${Buffer.alloc(32, 7).toString('base64')}`);

      const h = await startHarness({ dir, vault });

      expect(h.movedAsideTo).toBeNull();
      const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(onDisk).toEqual({
        schemaVersion: CONFIG_SCHEMA_VERSION,
        profileId: h.profileId,
        // The keychain check after start copied the old items to this profile's names.
        keychainMigrationPending: false,
        apis: old.apis,
        webhooks: webhooks.map((w) => ({ ...w, scheme: 'mindee' })),
        templates: [],
        settings: { deliveryTimeoutSeconds: 10 },
      });
      const original = JSON.parse(
        readFileSync(join(dir, `config.schema-v${fromVersion}.backup.json`), 'utf8'),
      );
      expect(original).toEqual(old);
      const api = (old.apis as { id: string }[])[0];
      const listed = await h.ok('webhooks.list', { apiId: api?.id ?? '' });
      expect(listed.map((w) => [w.id, w.scheme, w.secretMissing])).toEqual(
        webhooks.map((w) => [w.id, 'mindee', false]),
      );
      expect(await h.ok('settings.get')).toEqual({ deliveryTimeoutSeconds: 10 });
      expect(await h.ok('app.notices')).toEqual([]);
    },
  );

  it('keeps a current file as it is (no backup, no rewrite)', async () => {
    const dir = tempDir();
    const h = await startHarness({ dir });
    await h.ok('apis.create', { name: 'Receipts', versions: ['v1'] });
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    await startHarness({ dir, vault: h.vault });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((name) => name.includes('backup'))).toEqual([]);
  });
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_VERSION, parseConfig } from '../../src/main/config/schema';
import { keychainItems } from '../support/keyring';
import { serviceOf, startWithWebhook } from '../support/fixtures';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';

const populated = () => startWithWebhook();

describe('the config file', () => {
  it('starts empty in a new data dir and writes a versioned config', async () => {
    const h = await startHarness();
    await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const file = JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8'));
    expect(file).toMatchObject({
      schemaVersion: CONFIG_SCHEMA_VERSION,
      apis: [{ name: 'Invoices' }],
      webhooks: [],
    });
  });

  for (const [label, corrupt] of [
    ['does not parse', '{"schemaVersion": 1, "apis": ['],
    ['fails the schema', JSON.stringify({ schemaVersion: 1, apis: [{ id: 'not-a-uuid' }], webhooks: [] })],
    ['was written by a newer version', JSON.stringify({ schemaVersion: 99, apis: [], webhooks: [] })],
  ] as const) {
    it(`that ${label} is moved aside, reported, and the app is usable; secrets are all kept`, async () => {
      const { h: before, vault, dir, hook } = await populated();
      writeFileSync(join(dir, 'config.json'), corrupt);

      const h = await startHarness({ dir, vault });
      const aside = readdirSync(dir).filter((name) => /^config\.corrupt-.+\.json$/.test(name));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe(corrupt);
      const notices = await h.ok('app.notices');
      expect(notices).toEqual([expect.objectContaining({ kind: 'config-moved-aside' })]);
      expect(notices[0]?.message).toContain(aside[0]);
      expect(notices[0]?.message).toBe(
        `Your configuration could not be read (${/\((.+)\)\. It was moved/.exec(notices[0]?.message ?? '')?.[1]}). ` +
          `It was moved to ${h.movedAsideTo} and Hookwarden started empty. Its signing secrets and delivery ` +
          'logs were kept: put the file back as config.json while Hookwarden is closed to use them again.',
      );
      expect(h.movedAsideTo).toBe(join(dir, aside[0] as string));
      expect(await h.ok('apis.list')).toEqual([]);
      // The new config is a new profile: the moved-aside file's secret is another profile's, never touched.
      expect(h.profileId).not.toBe(before.profileId);
      const api = await h.ok('apis.create', { name: 'Fresh start', versions: ['v1'] });
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).apis).toEqual([api]);

      // Two more starts: the secret is still there, and it never counted as this profile's leftover.
      for (let start = 0; start < 2; start++) {
        const again = await startHarness({ dir, vault });
        expect(await again.ok('app.notices')).toEqual([]);
      }
      expect((await keychainItems(serviceOf(vault))).get(before.account(hook.id))).toMatch(/^whsec_/);
    });
  }

  it('migrates a file from before the schema version existed, keeping every entry', async () => {
    const { vault, dir, api, hook } = await populated();
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    delete file.schemaVersion;
    writeFileSync(join(dir, 'config.json'), JSON.stringify(file));

    const h = await startHarness({ dir, vault });
    expect(await h.ok('apis.list')).toEqual([api]);
    expect(await h.ok('app.notices')).toEqual([]);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id }),
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).schemaVersion).toBe(
      CONFIG_SCHEMA_VERSION,
    );
    expect(JSON.parse(readFileSync(join(dir, 'config.schema-v0.backup.json'), 'utf8'))).toEqual(file);
  });

  it('runs migrations in order up to the current version', () => {
    const steps: number[] = [];
    const profileId = crypto.randomUUID();
    const result = parseConfig(
      { apis: [] },
      {
        0: (old) => (steps.push(0), { ...old, webhooks: [] }),
        1: (old) => (steps.push(1), { ...old, templates: [], settings: { deliveryTimeoutSeconds: 10 } }),
        2: (old) => (steps.push(2), { ...old, profileId, keychainMigrationPending: true }),
        3: () => {
          throw new Error('not reached: version 3 is current');
        },
      },
    );
    expect(steps).toEqual([0, 1, 2]);
    expect(result).toEqual({
      data: {
        schemaVersion: 3,
        profileId,
        keychainMigrationPending: true,
        apis: [],
        webhooks: [],
        templates: [],
        settings: { deliveryTimeoutSeconds: 10 },
      },
      migrated: true,
    });
  });

  it('refuses semantic corruption: a webhook whose API or version does not exist', () => {
    const id = crypto.randomUUID();
    const dangling = {
      schemaVersion: 1,
      apis: [],
      webhooks: [
        {
          id,
          apiId: crypto.randomUUID(),
          version: 'v1',
          url: 'https://e.com',
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          secretRotatedAt: new Date().toISOString(),
        },
      ],
    };
    expect(() => parseConfig(dangling)).toThrow(`config: webhook ${id} points to an unknown API or version`);
  });

  const now = new Date().toISOString();
  const api = (id: string, name: string) => ({ id, name, versions: ['v1'], createdAt: now });
  const webhook = (id: string, apiId: string, url = 'https://e.com/') => ({
    id,
    apiId,
    version: 'v1',
    url,
    createdAt: now,
    updatedAt: now,
    secretRotatedAt: now,
    scheme: 'mindee',
  });
  const config = (apis: unknown[], webhooks: unknown[] = [], templates: unknown[] = []) => ({
    schemaVersion: CONFIG_SCHEMA_VERSION,
    profileId: crypto.randomUUID(),
    keychainMigrationPending: false,
    apis,
    webhooks,
    templates,
    settings: { deliveryTimeoutSeconds: 10 },
  });

  it('refuses duplicates: one id for two APIs, one name for two APIs (in any case), one id for two webhooks', () => {
    const [a, b, w] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    expect(parseConfig(config([api(a, 'One'), api(b, 'Two')], [webhook(w, a)])).data.webhooks).toHaveLength(
      1,
    );
    expect(() => parseConfig(config([api(a, 'One'), api(a, 'Two')]))).toThrow(/duplicate API id/);
    expect(() => parseConfig(config([api(a, 'Same'), api(b, 'SAME')]))).toThrow(/duplicate API name/);
    expect(() => parseConfig(config([api(a, 'One')], [webhook(w, a), webhook(w, a)]))).toThrow(
      /duplicate webhook id/,
    );
  });

  it('reads back a saved test payload of an API version', () => {
    const a = crypto.randomUUID();
    const template = { apiId: a, version: 'v1', json: '{"invoice":42}', updatedAt: now };
    expect(parseConfig(config([api(a, 'Invoices')], [], [template])).data.templates).toEqual([template]);
  });

  it('refuses a webhook whose URL is not an http(s) endpoint, naming the field', () => {
    const [a, w] = [crypto.randomUUID(), crypto.randomUUID()];
    expect(() => parseConfig(config([api(a, 'Invoices')], [webhook(w, a, 'ftp://e.com/hooks')]))).toThrow(
      'webhooks.0.url: invalid endpoint URL',
    );
  });

  it('writes atomically: no temp file is left beside the config', async () => {
    const dir = tempDir();
    const h = await startHarness({ dir });
    for (let i = 0; i < 5; i++) await h.ok('apis.create', { name: `API ${i}`, versions: ['v1'] });
    // The delivery log's files appear beside it with its first record.
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});

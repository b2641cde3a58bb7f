/**
 * What every store file relies on (src/main/storage/), on real files: reading without trusting, the one
 * migrations mechanism, and what the config store does when the disk refuses a read, a backup or a write.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIG_SCHEMA_VERSION } from '../../src/main/config/schema';
import { openConfigStore } from '../../src/main/config/store';
import { StoreFileInvalidError } from '../../src/main/storage/invalid-file';
import { readJsonFile } from '../../src/main/storage/store-file';
import { readVersioned, type VersionedFile } from '../../src/main/storage/versioned-file';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

/** A small versioned file of this test's own: v0 had `title`, v1 renamed it `name`, v2 added `tags`. */
const notes: VersionedFile<{ schemaVersion: number; name: string; tags: string[] }> = {
  what: 'notes',
  current: 2,
  migrations: {
    0: ({ title, ...rest }) => ({ ...rest, name: title }),
    1: (old) => ({ ...old, tags: [] }),
  },
  schema: z.strictObject({ schemaVersion: z.literal(2), name: z.string(), tags: z.array(z.string()) }),
};

function invalidReason(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreFileInvalidError);
    expect((error as Error).name).toBe('StoreFileInvalidError');
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('a versioned store file', () => {
  it('runs every migration from the file’s version, in order, and says which version it was', () => {
    expect(readVersioned({ title: 'a' }, notes)).toEqual({
      data: { schemaVersion: 2, name: 'a', tags: [] },
      fromVersion: 0,
    });
    expect(readVersioned({ schemaVersion: 1, name: 'b' }, notes)).toEqual({
      data: { schemaVersion: 2, name: 'b', tags: [] },
      fromVersion: 1,
    });
    expect(readVersioned({ schemaVersion: 2, name: 'c', tags: ['x'] }, notes)).toEqual({
      data: { schemaVersion: 2, name: 'c', tags: ['x'] },
      fromVersion: 2,
    });
    // A version that is not a number counts as no version at all.
    expect(readVersioned({ schemaVersion: '1', title: 'd' }, notes).fromVersion).toBe(0);
  });

  it.each([42, 'notes', null, [], [{ schemaVersion: 2, name: 'e', tags: [] }]])(
    'refuses %j: not a JSON object',
    (raw) => {
      expect(invalidReason(() => readVersioned(raw, notes))).toBe('the file does not hold a JSON object');
    },
  );

  it('refuses a file of a newer version, one it has no migration for, and one that fails the schema', () => {
    expect(invalidReason(() => readVersioned({ schemaVersion: 3, name: 'f', tags: [] }, notes))).toBe(
      'it was written by a newer Hookwarden (schema version 3)',
    );
    const withoutFirst = { ...notes, migrations: { 1: notes.migrations[1] as never } };
    expect(invalidReason(() => readVersioned({ title: 'g' }, withoutFirst))).toBe(
      'no migration from schema version 0',
    );
    expect(invalidReason(() => readVersioned({ schemaVersion: 2, name: 7, tags: [] }, notes))).toBe(
      'name: Invalid input: expected string, received number',
    );
    // A problem with the whole file is named by the file's name.
    expect(invalidReason(() => readVersioned({ schemaVersion: 2, name: 'h', tags: [], x: 1 }, notes))).toBe(
      'notes: Unrecognized key: "x"',
    );
  });
});

describe('reading a store file', () => {
  it('is undefined when there is no file, the JSON when there is, and says what is wrong otherwise', () => {
    const dir = tempDir();
    expect(readJsonFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'ok.json'), '{"name":"é"}');
    expect(readJsonFile(join(dir, 'ok.json'))).toEqual({ name: 'é' });
    writeFileSync(join(dir, 'bad.json'), '{"name":');
    expect(invalidReason(() => readJsonFile(join(dir, 'bad.json')))).toMatch(/^it is not valid JSON \(.+\)$/);
  });

  it('a file that cannot be read is a storage failure, not a corrupt file: nothing is moved aside', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'config.json'));
    expect(() => openConfigStore(dir, manualClock())).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: `Could not read ${join(dir, 'config.json')}: EISDIR: illegal operation on a directory, read`,
      }),
    );
  });
});

describe('the config store when the disk refuses', () => {
  it('an older file whose backup cannot be written: a storage failure, and the file is left as it was', () => {
    const dir = tempDir();
    const old = JSON.stringify({ schemaVersion: 1, apis: [], webhooks: [] });
    writeFileSync(join(dir, 'config.json'), old);
    mkdirSync(join(dir, 'config.schema-v1.backup.json'));
    expect(() => openConfigStore(dir, manualClock())).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: expect.stringMatching(
          new RegExp(`^Could not update ${join(dir, 'config.json').replace(/[.]/g, '\\.')}: EISDIR`),
        ),
      }),
    );
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(old);
  });

  it('an older file is rewritten at the current version as electron-store writes it (tab-indented)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, apis: [], webhooks: [] }));
    const { store, movedAsideTo } = openConfigStore(dir, manualClock());
    expect(movedAsideTo).toBeNull();
    expect(store.read().schemaVersion).toBe(CONFIG_SCHEMA_VERSION);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(JSON.stringify(store.read(), null, '\t'));
  });

  it('a data folder that cannot be created: a storage failure that names it', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'file'), '');
    const dir = join(parent, 'file', 'profile');
    expect(() => openConfigStore(dir, manualClock())).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: expect.stringMatching(
          new RegExp(`^Could not open the configuration in ${dir.replace(/[.]/g, '\\.')}: ENOTDIR`),
        ),
      }),
    );
  });

  it('a change whose file cannot be read or written leaves what is read unchanged, and says so', () => {
    const dir = tempDir();
    const { store } = openConfigStore(dir, manualClock());
    const before = store.read();
    // The file's place is taken by a folder with something in it: the atomic rename cannot replace it.
    const path = join(dir, 'config.json');
    rmSync(path);
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), '');
    expect(() => store.update(() => ({ ...before, settings: { deliveryTimeoutSeconds: 30 } }))).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: `Could not read ${path}: EISDIR: illegal operation on a directory, read`,
      }),
    );
    expect(store.read()).toBe(before);
  });

  it('refuses to write a config its schema does not allow, and keeps the last good one', () => {
    const dir = tempDir();
    const { store } = openConfigStore(dir, manualClock());
    const before = store.read();
    const onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const bad of [
      { ...before, extra: true },
      Object.fromEntries(Object.entries(before).filter(([key]) => key !== 'webhooks')),
    ]) {
      expect(() => store.update(() => bad as typeof before)).toThrow(
        expect.objectContaining({
          code: 'STORAGE_FAILED',
          message: expect.stringMatching(/^Could not save the configuration: Config schema violation: /),
        }),
      );
      expect(store.read()).toBe(before);
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(onDisk);
    }
  });
});

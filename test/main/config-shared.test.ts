/**
 * config.json shared by two processes (the app and the command line), here two stores opened on one folder:
 * a change is made to the file as it is on disk, under the lock; refresh() reads another process's change;
 * a file broken or removed by someone else never costs what this process knows.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import type { ConfigData } from '../../src/main/config/ports';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

const api = (name: string) => ({
  id: randomUUID(),
  name,
  versions: ['v1'],
  createdAt: '2024-01-01T00:00:00.000Z',
});
const withApi = (name: string) => (current: ConfigData) => ({
  ...current,
  apis: [...current.apis, api(name)],
});
const names = (config: ConfigData) => config.apis.map((a) => a.name);

describe('one config file, two processes', () => {
  it('a change is made to the file as it is on disk: neither overwrites the other', () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    const cli = openConfigStore(dir, manualClock()).store;
    app.update(withApi('1'));
    cli.update(withApi('2'));
    app.update(withApi('3'));
    expect(names(app.read())).toEqual(['1', '2', '3']);
    expect(names(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as ConfigData)).toEqual([
      '1',
      '2',
      '3',
    ]);
    // Both share the profile id the first one wrote (it names the keychain items).
    expect(cli.read().profileId).toBe(app.read().profileId);
  });

  it('refresh() reads another process’s change once, and says whether anything changed', () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    const cli = openConfigStore(dir, manualClock()).store;
    expect(app.refresh()).toBe(false);
    cli.update(withApi('from the command line'));
    expect(names(app.read())).toEqual([]);
    expect(app.refresh()).toBe(true);
    expect(names(app.read())).toEqual(['from the command line']);
    expect(app.refresh()).toBe(false);
    // Its own writes are not "another process's change".
    app.update(withApi('own'));
    expect(app.refresh()).toBe(false);
  });

  it('a file someone else broke: refresh keeps what was read, a change is refused and changes nothing', () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    app.update(withApi('kept'));
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"schemaVersion":');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(app.refresh()).toBe(false);
      expect(warn).toHaveBeenCalledWith(
        '[hookwarden] could not read the changed configuration:',
        expect.any(String),
      );
    } finally {
      warn.mockRestore();
    }
    expect(names(app.read())).toEqual(['kept']);
    expect(() => app.update(withApi('new'))).toThrow(
      expect.objectContaining({
        code: 'STORAGE_FAILED',
        message: expect.stringMatching(
          /config\.json was changed outside Hookwarden and cannot be read \(it is not valid JSON .*\)\. Nothing was changed\.$/,
        ),
      }),
    );
    expect(readFileSync(path, 'utf8')).toBe('{"schemaVersion":');
  });

  it('a file someone removed: the next change writes what this process knows, with the change', () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    app.update(withApi('known'));
    rmSync(join(dir, 'config.json'));
    expect(app.refresh()).toBe(false);
    app.update(withApi('new'));
    expect(names(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as ConfigData)).toEqual([
      'known',
      'new',
    ]);
  });

  it('a lock left by a process that died holding it is taken over, not waited on', () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    const lock = join(dir, 'config.json.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const started = Date.now();
    app.update(withApi('after a crash'));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(names(app.read())).toEqual(['after a crash']);
  });
});

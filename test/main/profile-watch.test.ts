/**
 * The running app noticing what the command line changes in its profile (src/main/profile-watch.ts), on a real
 * folder: config.json replaced by a rename, delivery records handed off into deliveries.incoming/. The folder
 * watch and the 500 ms poll are each checked on their own (node:fs is the real one, wrapped so a test can make
 * the watch fail or leave the poll out, and reach the watch's listener).
 */
import { randomUUID } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import {
  mkdirSync,
  renameSync,
  unwatchFile,
  watch,
  watchFile,
  writeFileSync,
  type FSWatcher,
  type WatchListener,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigData } from '../../src/main/config/ports';
import { openConfigStore, type SharedConfigStore } from '../../src/main/config/store';
import { INCOMING_FOLDER } from '../../src/main/deliveries/hand-off';
import { watchProfile } from '../../src/main/profile-watch';
import type { Services } from '../../src/main/services';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

const faults = vi.hoisted(() => ({ watchFails: null as Error | null, noPoll: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof NodeFs>();
  return {
    ...real,
    watch: vi.fn((path: string, options: { persistent: boolean }, listener: WatchListener<string>) => {
      if (faults.watchFails) throw faults.watchFails;
      return real.watch(path, options, listener);
    }),
    watchFile: vi.fn((path: string, options: { interval: number }, listener: () => void) => {
      if (!faults.noPoll) real.watchFile(path, options, listener);
    }),
    unwatchFile: vi.fn((path: string, listener: () => void) => real.unwatchFile(path, listener)),
  };
});

const CONFIG_FILE = 'config.json';

let stops: (() => void)[] = [];

beforeEach(() => {
  vi.clearAllMocks();
});

afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  faults.watchFails = null;
  faults.noPoll = false;
  vi.restoreAllMocks();
});

/** The part of the services the watch talks to. */
function appDouble() {
  const app = { configChanged: vi.fn(), foldHandedOffDeliveries: vi.fn() };
  return { app, services: { app } as unknown as Services };
}

/** A config store whose refresh() answers `changed` (false: nothing read() answers changed). */
function configDouble(changed = false) {
  const refresh = vi.fn(() => changed);
  return { refresh, config: { read: vi.fn(), update: vi.fn(), refresh } as unknown as SharedConfigStore };
}

function start(dir: string, config: SharedConfigStore, services: Services): () => void {
  const stop = watchProfile(dir, config, services);
  stops.push(stop);
  return stop;
}

/** Writes `name` in `folder` the way every store write does: a temporary file renamed over it. */
function replaceFile(folder: string, name: string, text: string): void {
  const temporary = join(folder, `.${name}.${randomUUID()}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, join(folder, name));
}

/** Hands off one delivery record the way the command line does: a new file in deliveries.incoming/. */
function handOff(dir: string): void {
  replaceFile(join(dir, INCOMING_FOLDER), `${Date.now()}-${randomUUID()}.json`, '{}');
}

/** The command line's first hand-off: it makes the incoming folder, then writes the record in it. */
function firstHandOff(dir: string): void {
  mkdirSync(join(dir, INCOMING_FOLDER));
  handOff(dir);
}

/** A profile whose config.json and incoming folder already exist, so the poll starts on files that are there. */
function profileDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, CONFIG_FILE), '{}');
  mkdirSync(join(dir, INCOMING_FOLDER));
  return dir;
}

/**
 * Makes the change again until `seen` holds, within `timeout`: the poll's first look at a file can come after
 * the first change, which then goes unseen (by design: it is the state the poll starts from).
 */
async function changeUntil(change: () => void, seen: () => void, timeout: number): Promise<void> {
  await vi.waitFor(
    () => {
      change();
      seen();
    },
    { timeout, interval: 100 },
  );
}

/** Resolves once a folder watch of the test's own has seen `name` change in `dir` (and that event was handled). */
async function changeSeen(dir: string, name: string, change: () => void): Promise<void> {
  await new Promise<void>((resolve) => {
    const own = watch(dir, { persistent: false }, (_event, filename) => {
      if (filename !== name) return;
      own.close();
      resolve();
    });
    change();
  });
  // Every watch of the folder is told of an event in the same turn; the checks come after that turn.
  await new Promise((resolve) => setImmediate(resolve));
}

function watchedResources(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'FSEventWrap' || kind === 'StatWatcher')
    .length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withApi = (name: string) => (current: ConfigData) => ({
  ...current,
  apis: [
    ...current.apis,
    { id: randomUUID(), name, versions: ['v1'], createdAt: '2024-01-01T00:00:00.000Z' },
  ],
});

describe('watching the profile the command line changes', () => {
  it('config.json replaced by another process: read again, and the app told only when refresh() says it changed', async () => {
    const dir = tempDir();
    const app = openConfigStore(dir, manualClock()).store;
    const cli = openConfigStore(dir, manualClock()).store;
    mkdirSync(join(dir, INCOMING_FOLDER));
    const refresh = vi.spyOn(app, 'refresh');
    const { app: services, services: all } = appDouble();
    start(dir, app, all);

    // The app's own write: refresh() finds nothing new (false), so the app is not told.
    app.update(withApi('by the app'));
    await vi.waitFor(() => expect(refresh).toHaveBeenCalled(), { timeout: 5_000 });
    expect(refresh.mock.results.map((result) => result.value as unknown)).not.toContain(true);
    expect(services.configChanged).not.toHaveBeenCalled();

    // The command line's write: refresh() reads it (true), and the app is told.
    cli.update(withApi('by the command line'));
    await vi.waitFor(() => expect(services.configChanged).toHaveBeenCalled(), { timeout: 5_000 });
    expect(app.read().apis.map((api) => api.name)).toEqual(['by the app', 'by the command line']);
    expect(services.foldHandedOffDeliveries).not.toHaveBeenCalled();
  });

  it('a delivery record handed off into deliveries.incoming/ is folded in', async () => {
    const dir = profileDir();
    const { refresh, config } = configDouble();
    const { app, services } = appDouble();
    start(dir, config, services);
    await changeUntil(
      () => handOff(dir),
      () => expect(app.foldHandedOffDeliveries).toHaveBeenCalled(),
      5_000,
    );
    expect(refresh).not.toHaveBeenCalled();
  });

  it('a change to another file of the profile folder is taken for neither', async () => {
    const dir = profileDir();
    const { refresh, config } = configDouble(true);
    const { app, services } = appDouble();
    start(dir, config, services);

    await changeSeen(dir, 'notes.json', () => replaceFile(dir, 'notes.json', '{"other":true}'));
    expect(refresh).not.toHaveBeenCalled();
    expect(app.foldHandedOffDeliveries).not.toHaveBeenCalled();

    // The watch was on all along: config.json itself is seen.
    await changeSeen(dir, CONFIG_FILE, () => replaceFile(dir, CONFIG_FILE, '{"changed":true}'));
    await vi.waitFor(() => expect(app.configChanged).toHaveBeenCalled(), { timeout: 5_000 });
    expect(app.foldHandedOffDeliveries).not.toHaveBeenCalled();
  });

  it('the folder watch alone (no poll) sees config.json replaced, and the incoming folder made', async () => {
    faults.noPoll = true;
    const dir = tempDir();
    writeFileSync(join(dir, CONFIG_FILE), '{}');
    const { refresh, config } = configDouble(true);
    const { app, services } = appDouble();
    start(dir, config, services);
    replaceFile(dir, CONFIG_FILE, '{"changed":true}');
    await vi.waitFor(() => expect(app.configChanged).toHaveBeenCalled(), { timeout: 5_000 });
    expect(refresh).toHaveBeenCalled();
    expect(app.foldHandedOffDeliveries).not.toHaveBeenCalled();
    // The command line's first hand-off makes the folder.
    mkdirSync(join(dir, INCOMING_FOLDER));
    await vi.waitFor(() => expect(app.foldHandedOffDeliveries).toHaveBeenCalled(), { timeout: 5_000 });
  });

  it('the watch’s events: each file its own name; no name at all (some systems) counts for both', () => {
    faults.noPoll = true;
    const dir = profileDir();
    const { refresh, config } = configDouble(true);
    const { app, services } = appDouble();
    start(dir, config, services);
    const listeners = vi
      .mocked(watch)
      .mock.calls.map((call) => (call as unknown[])[2] as WatchListener<string>);
    expect(listeners).toHaveLength(2);
    const event = (filename: string | null) => {
      for (const listener of listeners) listener('rename', filename as string);
    };

    event('notes.json');
    event(`${CONFIG_FILE}.lock`);
    expect(refresh).not.toHaveBeenCalled();
    expect(app.foldHandedOffDeliveries).not.toHaveBeenCalled();

    event(CONFIG_FILE);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(app.configChanged).toHaveBeenCalledTimes(1);
    expect(app.foldHandedOffDeliveries).not.toHaveBeenCalled();

    event(INCOMING_FOLDER);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(app.foldHandedOffDeliveries).toHaveBeenCalledTimes(1);

    event(null);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(app.configChanged).toHaveBeenCalledTimes(2);
    expect(app.foldHandedOffDeliveries).toHaveBeenCalledTimes(2);
  });

  it('where the folder cannot be watched, it says so, and the poll alone sees each change within a second', async () => {
    faults.watchFails = new Error('System limit for number of file watchers reached');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = profileDir();
    const { config } = configDouble(true);
    const { app, services } = appDouble();
    const stop = start(dir, config, services);
    expect(warn).toHaveBeenCalledWith(
      '[hookwarden] cannot watch the profile folder:',
      'System limit for number of file watchers reached',
    );
    expect(warn).toHaveBeenCalledTimes(2);

    // The poll runs every 500 ms (the default would be every 5 s).
    await changeUntil(
      () => replaceFile(dir, CONFIG_FILE, `{"at":"${randomUUID()}"}`),
      () => expect(app.configChanged).toHaveBeenCalled(),
      3_000,
    );
    await changeUntil(
      () => handOff(dir),
      () => expect(app.foldHandedOffDeliveries).toHaveBeenCalled(),
      3_000,
    );
    // Stopping with no folder watch to close.
    expect(() => stop()).not.toThrow();
  });

  it('a folder watch that fails is closed, and the poll goes on', async () => {
    const dir = profileDir();
    const { config } = configDouble(true);
    const { app, services } = appDouble();
    start(dir, config, services);
    const watchers = vi.mocked(watch).mock.results.map((result) => result.value as FSWatcher);
    expect(watchers).toHaveLength(2);
    const closes = watchers.map((watcher) => vi.spyOn(watcher, 'close'));
    for (const watcher of watchers) watcher.emit('error', new Error('EPERM: the folder went away'));
    for (const close of closes) expect(close).toHaveBeenCalled();

    await changeUntil(
      () => replaceFile(dir, CONFIG_FILE, `{"at":"${randomUUID()}"}`),
      () => expect(app.configChanged).toHaveBeenCalled(),
      3_000,
    );
  });

  it('after stop(), neither the watch nor the poll calls anything', async () => {
    // Nothing there yet: the poll calls each once at its first look (a missing file), so that look is known done.
    const dir = tempDir();
    const { refresh, config } = configDouble(true);
    const { app, services } = appDouble();
    const stop = start(dir, config, services);
    await vi.waitFor(
      () => {
        expect(refresh).toHaveBeenCalledTimes(1);
        expect(app.foldHandedOffDeliveries).toHaveBeenCalledTimes(1);
      },
      { timeout: 5_000 },
    );

    stop();
    await changeSeen(dir, CONFIG_FILE, () => replaceFile(dir, CONFIG_FILE, '{}'));
    await changeSeen(dir, INCOMING_FOLDER, () => firstHandOff(dir));
    // Past two poll intervals: a poll still running would have seen both by now.
    await sleep(1_200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(app.configChanged).toHaveBeenCalledTimes(1);
    expect(app.foldHandedOffDeliveries).toHaveBeenCalledTimes(1);
    expect(vi.mocked(unwatchFile)).toHaveBeenCalledTimes(2);
  });

  it('watching does not keep the process alive', () => {
    const dir = profileDir();
    const { config } = configDouble();
    const { services } = appDouble();
    const before = watchedResources();
    start(dir, config, services);
    expect(vi.mocked(watch)).toHaveBeenCalledTimes(2);
    expect(vi.mocked(watchFile)).toHaveBeenCalledTimes(2);
    expect(watchedResources()).toBe(before);
  });
});

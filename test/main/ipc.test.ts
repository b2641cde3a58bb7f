import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handle, type InvokeEvent } from '../../src/main/ipc/handle';
import { buildApi } from '../../src/preload/build-api';
import {
  CHANNELS,
  EVENT_NAMES,
  contract,
  splitName,
  subscriberName,
  type Channel,
} from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';
import { ipcHandlers } from '../support/electron-double';
import { profileItems } from '../support/keyring';
import { startHarness } from '../support/main-harness';

/** "domain.verb" names of every function an exposed API object holds. */
function functionNames(api: unknown): string[] {
  return Object.entries(api as Record<string, Record<string, unknown>>)
    .flatMap(([domain, fns]) => Object.keys(fns).map((name) => `${domain}.${name}`))
    .sort();
}

const expectedNames = [
  ...CHANNELS,
  ...EVENT_NAMES.map((e) => `${splitName(e).domain}.${subscriberName(e)}`),
].sort();

/** The preload bundle as `npm run build` wrote it. */
const builtPreload = () => readFileSync(resolve('out/preload/index.cjs'), 'utf8');

describe('the IPC contract', () => {
  it('has no drift: contract channels == preload functions (source and built) == registered handlers', async () => {
    const noTransport = { invoke: async () => undefined, on() {}, removeListener() {} };
    expect(functionNames(buildApi(noTransport))).toEqual(expectedNames);

    const exposed = new Map<string, unknown>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: noTransport,
    };
    const built = builtPreload();
    const module = { exports: {} };
    runInNewContext(`(function (require, module, exports) {${built}\n})`, {})(
      (name: string) => (name === 'electron' ? fakeElectron : undefined),
      module,
      module.exports,
    );
    expect([...exposed.keys()]).toEqual(['hookwarden']);
    expect(functionNames(exposed.get('hookwarden'))).toEqual(expectedNames);

    await startHarness();
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('builds a small preload without zod: it needs the names only, main checks the inputs', () => {
    const built = builtPreload();
    // Every zod schema keeps its internals under `._zod`, and every zod build defines ZodError.
    expect(/\._zod\b|ZodError/.exec(built)?.[0]).toBeUndefined();
    // About 2 kB today (188 kB when it bundled zod); the margin leaves room for many more channels.
    expect(Buffer.byteLength(built)).toBeLessThan(5_000);
  });
});

describe('the handle() wrapper', () => {
  const validCreate = { name: 'Invoices', versions: ['v4'] };

  it.each<[string, InvokeEvent['senderFrame']]>([
    ['no frame', null],
    ['a subframe of our page', { url: 'app://hookwarden/index.html', parent: {} }],
    ['another origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a file:// page', { url: 'file:///tmp/index.html', parent: null }],
    ['a look-alike host', { url: 'app://hookwarden.evil/index.html', parent: null }],
  ])('rejects a call from %s with FORBIDDEN and does nothing', async (_label, frame) => {
    const h = await startHarness();
    expect(await h.invoke('apis.create', validCreate, frame)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.ok('apis.list')).toEqual([]);
  });

  it('maps an unexpected exception to INTERNAL without leaking its message', async () => {
    const registered = new Map<string, (event: InvokeEvent, input: unknown) => Promise<unknown>>();
    const ipc = {
      handle: (channel: string, fn: (event: InvokeEvent, input: unknown) => Promise<unknown>) =>
        registered.set(channel, fn),
    };
    const frame = { url: 'app://hookwarden/index.html', parent: null };
    handle(
      ipc,
      'x.boom',
      z.undefined(),
      () => {
        throw new TypeError('internal detail');
      },
      () => true,
    );
    handle(
      ipc,
      'x.typed',
      z.undefined(),
      () => {
        throw new AppError('NOT_FOUND', 'gone');
      },
      () => true,
    );
    const boom = (await registered.get('x.boom')?.({ senderFrame: frame }, undefined)) as {
      error: { code: string; message: string };
    };
    expect(boom).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(boom.error.message).not.toContain('internal detail');
    expect(await registered.get('x.typed')?.({ senderFrame: frame }, undefined)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
  });

  it('names the offending field in INVALID_INPUT', async () => {
    const h = await startHarness();
    const result = await h.invokeRaw('webhooks.create', {
      apiId: 'nope',
      version: 'v1',
      url: 'https://e.com',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.ok || result.error.message).toContain('apiId');
  });
});

/** A small seeded PRNG so a failing payload can be reproduced. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function junkValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 10));
  const text = () =>
    Math.random()
      .toString(36)
      .slice(2, 2 + Math.floor(random() * 12));
  switch (pick) {
    case 0:
      return Math.floor(random() * 2e9) - 1e9;
    case 1:
      return random() * 1e6;
    case 2:
      return text();
    case 3:
      return random() < 0.5;
    case 4:
      return null;
    case 5:
      return 'x'.repeat(70_000 + Math.floor(random() * 1000));
    case 6:
      return '__proto__';
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(random() * 4); i++) object[text() || 'k'] = junkValue(random, depth + 1);
      return object;
    }
  }
}

/** Valid inputs to mutate, one per channel that takes an object. */
function sampleInput(
  channel: Channel,
  ids: { api: string; webhook: string },
): Record<string, unknown> | undefined {
  const samples: Partial<Record<Channel, Record<string, unknown>>> = {
    'apis.create': { name: 'Fuzz', versions: ['v1'] },
    'apis.update': { id: ids.api, name: 'Fuzz' },
    'apis.delete': { id: ids.api, cascade: true },
    'webhooks.list': { apiId: ids.api },
    'webhooks.create': { apiId: ids.api, version: 'v4', url: 'https://example.com/fuzz' },
    'webhooks.updateUrl': { id: ids.webhook, url: 'https://example.com/fuzz' },
  };
  return (
    samples[channel] ?? (contract[channel].input instanceof z.ZodObject ? { id: ids.webhook } : undefined)
  );
}

/** 1,000 payloads per channel, each invalid for that channel's schema: junk, or a valid input broken one way. */
function malformedPayloads(
  channel: Channel,
  sample: Record<string, unknown> | undefined,
  random: () => number,
) {
  const schema = contract[channel].input;
  const payloads: unknown[] = [];
  while (payloads.length < 1000) {
    let candidate: unknown;
    if (!sample || random() < 0.3) {
      candidate = junkValue(random);
    } else {
      const keys = Object.keys(sample);
      const key = keys[Math.floor(random() * keys.length)] as string;
      const how = random();
      if (how < 0.25) candidate = Object.fromEntries(Object.entries(sample).filter(([name]) => name !== key));
      else if (how < 0.5)
        candidate = { ...sample, [`extra${Math.floor(random() * 100)}`]: junkValue(random) };
      else candidate = { ...sample, [key]: junkValue(random) };
    }
    // Keep only payloads that really are malformed (deleting an optional key, say, is not).
    if (!schema.safeParse(candidate).success) payloads.push(candidate);
  }
  return payloads;
}

describe('malformed payloads', () => {
  it('1,000 random malformed payloads per channel are all rejected with INVALID_INPUT; store and keychain unchanged', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const webhook = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/a',
    });
    const configBefore = readFileSync(join(h.dir, 'config.json'), 'utf8');
    const keychainBefore = await profileItems(h);
    const random = prng(20261127);

    for (const channel of CHANNELS) {
      const payloads = malformedPayloads(
        channel,
        sampleInput(channel, { api: api.id, webhook: webhook.id }),
        random,
      );
      for (const payload of payloads) {
        const result = await h.invokeRaw(channel, payload);
        if (result.ok || result.error.code !== 'INVALID_INPUT') {
          throw new Error(
            `${channel} accepted ${JSON.stringify(payload)?.slice(0, 200)}: ${JSON.stringify(result)}`,
          );
        }
      }
    }
    expect(readFileSync(join(h.dir, 'config.json'), 'utf8')).toBe(configBefore);
    expect(await profileItems(h)).toEqual(keychainBefore);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
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
import { builtPreloadNote, ensureBuiltPreload, readBuiltPreload } from '../support/built-preload';
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

// The built preload is read by the first two tests; a fresh clone builds it first.
beforeAll(() => ensureBuiltPreload(), 120_000);

describe('the IPC contract', () => {
  it('has no drift: contract channels == preload functions (source and built) == registered handlers', async () => {
    const noTransport = { invoke: async () => undefined, on() {}, removeListener() {} };
    expect(functionNames(buildApi(noTransport))).toEqual(expectedNames);

    const exposed = new Map<string, unknown>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: noTransport,
    };
    const built = readBuiltPreload();
    const module = { exports: {} };
    runInNewContext(`(function (require, module, exports) {${built}\n})`, {})(
      (name: string) => (name === 'electron' ? fakeElectron : undefined),
      module,
      module.exports,
    );
    expect([...exposed.keys()]).toEqual(['hookwarden']);
    // Frozen by the preload itself, whatever the bridge does: no function can be swapped or added.
    const api = exposed.get('hookwarden') as Record<string, object>;
    expect(
      [api, ...Object.values(api)].filter((object) => !Object.isFrozen(object)),
      builtPreloadNote(),
    ).toEqual([]);
    expect(functionNames(exposed.get('hookwarden')), builtPreloadNote()).toEqual(expectedNames);

    await startHarness();
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('builds a small preload without zod: it needs the names only, main checks the inputs', () => {
    const built = readBuiltPreload();
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

/** mulberry32: a small seeded PRNG, so a failing payload can be reproduced. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const randomText = (random: Random, max = 12) =>
  Array.from({ length: Math.floor(random() * max) }, () => pick(random, [...'abcxyz019-_. /:%'])).join('');

/** Any value at all; `object` false leaves out plain objects, so the value is never a channel's input object. */
function junkValue(random: Random, object = true, depth = 0): unknown {
  switch (Math.floor(random() * (object && depth < 3 ? 9 : 8))) {
    case 0:
      return Math.floor(random() * 2e9) - 1e9;
    case 1:
      return random() * 1e6;
    case 2:
      return randomText(random);
    case 3:
      return random() < 0.5;
    case 4:
      return null;
    case 5:
      return 'x'.repeat(70_000 + Math.floor(random() * 1000));
    case 6:
      return '__proto__';
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, true, depth + 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(random() * 4); i++)
        value[`k${randomText(random, 4)}`] = junkValue(random, true, depth + 1);
      return value;
    }
  }
}

/**
 * What each channel takes, written out from the contract's documented rules rather than read from its zod
 * schemas, so the fuzzer's idea of "malformed" does not come from the code under test. null: no input at all.
 */
type FieldKind =
  | 'apiId'
  | 'webhookId'
  | 'deliveryId'
  | 'name'
  | 'versions'
  | 'version'
  | 'url'
  | 'description'
  | 'scheme'
  | 'cascade'
  | 'paused'
  | 'headers'
  | 'timeout'
  | 'json'
  | 'overlap'
  | 'role'
  | 'flag'
  | 'port'
  | 'status'
  | 'delay'
  | 'requestId'
  | 'retrySchedule'
  | 'timeScale'
  | 'pasted'
  | 'against'
  | 'time'
  | 'tolerance'
  | 'language'
  | 'passphrase'
  | 'choices';
type Shape = Record<string, { kind: FieldKind; optional?: true }>;
const required = (kind: FieldKind) => ({ kind });
const optional = (kind: FieldKind) => ({ kind, optional: true as const });
const apiVersion: Shape = { apiId: required('apiId'), version: required('version') };
const SHAPES: Record<Channel, Shape | null> = {
  'app.notices': null,
  'apis.list': null,
  'apis.create': { name: required('name'), versions: required('versions') },
  'apis.update': { id: required('apiId'), name: optional('name'), versions: optional('versions') },
  'apis.delete': { id: required('apiId'), cascade: optional('cascade') },
  'webhooks.list': { apiId: required('apiId') },
  'webhooks.create': {
    apiId: required('apiId'),
    version: required('version'),
    url: required('url'),
    scheme: optional('scheme'),
    description: optional('description'),
  },
  'webhooks.updateUrl': { id: required('webhookId'), url: required('url') },
  'webhooks.updateDetails': {
    id: required('webhookId'),
    url: required('url'),
    description: required('description'),
  },
  'webhooks.setPaused': { id: required('webhookId'), paused: required('paused') },
  'webhooks.setHeaders': { id: required('webhookId'), headers: required('headers') },
  'webhooks.changeVersion': { id: required('webhookId'), version: required('version') },
  'webhooks.delete': { id: required('webhookId') },
  'webhooks.regenerateSecret': { id: required('webhookId') },
  'webhooks.setScheme': { id: required('webhookId'), scheme: required('scheme') },
  'keychain.check': null,
  'keychain.removeOrphans': null,
  'rotation.roll': {
    id: required('webhookId'),
    keepOldFor: optional('overlap'),
    endOverlap: optional('flag'),
  },
  'rotation.switch': { id: required('webhookId'), keepOldFor: optional('overlap'), force: optional('flag') },
  'rotation.cancel': { id: required('webhookId') },
  'rotation.endOverlap': { id: required('webhookId') },
  'rotation.test': { id: required('webhookId'), role: required('role') },
  'secrets.reveal': { id: required('webhookId'), role: optional('role') },
  'secrets.copy': { id: required('webhookId'), role: optional('role') },
  'deliveries.send': { webhookId: required('webhookId') },
  'deliveries.list': { webhookId: required('webhookId') },
  'deliveries.redeliver': { deliveryId: required('deliveryId') },
  'deliveries.copyAsCurl': { deliveryId: required('deliveryId') },
  'retries.start': {
    webhookId: required('webhookId'),
    schedule: required('retrySchedule'),
    timeScale: optional('timeScale'),
  },
  'retries.stop': { webhookId: required('webhookId') },
  'retries.get': { webhookId: required('webhookId') },
  'preflight.checkWebhook': { id: required('webhookId') },
  'preflight.checkUrl': { url: required('url'), scheme: optional('scheme') },
  'preflight.checkReceiver': { id: required('webhookId'), confirmed: optional('flag') },
  'transfer.export': { withSecrets: required('flag'), passphrase: optional('passphrase') },
  'transfer.openImport': null,
  'transfer.previewImport': {
    token: required('requestId'),
    passphrase: optional('passphrase'),
    choices: optional('choices'),
  },
  'transfer.applyImport': {
    token: required('requestId'),
    passphrase: optional('passphrase'),
    choices: optional('choices'),
  },
  'receiverCode.get': { id: required('webhookId'), language: required('language') },
  'receiverCode.copy': { id: required('webhookId'), language: required('language') },
  'receiverCode.copyEnv': { id: required('webhookId') },
  'doctor.diagnose': {
    request: required('pasted'),
    against: required('against'),
    scheme: optional('scheme'),
    receivedAt: optional('time'),
    toleranceSeconds: optional('tolerance'),
  },
  'doctor.diagnoseDelivery': { deliveryId: required('deliveryId') },
  'doctor.diagnoseInboxRequest': { requestId: required('requestId'), webhookId: optional('webhookId') },
  'inbox.status': null,
  'inbox.start': { port: optional('port'), exposeToNetwork: optional('flag') },
  'inbox.stop': null,
  'inbox.setResponse': { status: required('status'), delaySeconds: required('delay') },
  'inbox.list': null,
  'inbox.clear': null,
  'inbox.copyAsCurl': { requestId: required('requestId') },
  'inbox.copyAddress': null,
  'inbox.save': null,
  'templates.get': apiVersion,
  'templates.save': { ...apiVersion, json: required('json') },
  'templates.reset': apiVersion,
  'settings.get': null,
  'settings.update': { deliveryTimeoutSeconds: required('timeout') },
};

const notAnId = [
  'nope',
  '',
  '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1',
  '0d4c3b2a1f0e4d9c8b7a6f5e4d3c2b1a',
  'x'.repeat(70_000),
];
const badLabels = ['', '  ', '-v4', '.v4', 'v 4', 'v4/', 'v4!', 'ä', 'v'.repeat(33)];
/** Values each kind of field refuses, by the documented rules; plus any value of another type. */
const INVALID: Record<FieldKind, (random: Random, ids: Ids) => unknown> = {
  apiId: (random) => pick(random, notAnId),
  webhookId: (random) => pick(random, notAnId),
  deliveryId: (random) => pick(random, notAnId),
  name: (random) => pick(random, ['', '   ', '\u200B\u2060', 'n'.repeat(81), 42, null]),
  versions: (random) =>
    pick(random, [
      [],
      ['v1', 'v1'],
      ['v1', pick(random, badLabels)],
      Array.from({ length: 101 }, (_, i) => `v${i}`),
      'v1',
      [1],
    ]),
  version: (random) => pick(random, badLabels),
  url: (random) => pick(random, [`https://example.com/${'a'.repeat(4096)}`, 42, null, ['https://e.com']]),
  description: (random) => pick(random, ['d'.repeat(201), 'line one\nline two', 'one\rtwo', 42, null]),
  scheme: (random) => pick(random, ['', 'Mindee', 'hmac-sha256', 'stripe ', 'GITHUB']),
  cascade: (random) => pick(random, ['true', 1, 0, null, 'false']),
  paused: (random) => pick(random, ['true', 1, 0, null, 'false']),
  headers: (random) =>
    pick(random, [
      [{ name: 'Host', secret: false, value: 'a' }],
      [{ name: 'stripe-signature', secret: false, value: 'a' }],
      [{ name: 'X Team', secret: false, value: 'a' }],
      [{ name: 'X-A', secret: false, value: 'a\r\nB: c' }],
      [{ name: 'X-A', secret: false, value: 'v'.repeat(1025) }],
      [{ name: 'X-A', secret: 'yes', value: 'a' }],
      [{ name: 'X-A', secret: false, value: 'a', extra: 1 }],
      [
        { name: 'X-A', secret: false, value: 'a' },
        { name: 'x-a', secret: false, value: 'b' },
      ],
      Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, secret: false, value: 'a' })),
      { name: 'X-A', secret: false, value: 'a' },
      null,
    ]),
  timeout: (random) => pick(random, [0, 61, 1.5, -1, '10', null, Number.NaN, Number.POSITIVE_INFINITY]),
  json: (random) => pick(random, ['{}'.padEnd(256 * 1024 + 1, ' '), 42, null, { a: 1 }]),
  overlap: (random) => pick(random, ['24 hours', '24H', '2h', '', 86_400_000, null]),
  role: (random) => pick(random, ['Current', 'old', 'new', 'pending', 'header:x-a', '', null]),
  flag: (random) => pick(random, ['true', 1, 0, null, 'false']),
  port: (random) => pick(random, [0, 80, 1023, 65536, 4242.5, -1, '4242', null]),
  status: (random) => pick(random, [201, 404, 302, 0, '200', null]),
  delay: (random) => pick(random, [-1, 31, 0.5, '1', null, Number.NaN]),
  requestId: (random) => pick(random, notAnId),
  retrySchedule: (random) =>
    pick(random, [
      'stripe',
      'Svix',
      '',
      { delays: [0] },
      { delays: [1.5] },
      { delays: Array(20).fill(1) },
      null,
    ]),
  timeScale: (random) => pick(random, ['1s/h', 'Hour', '', null, 60]),
  pasted: (random) => pick(random, ['x'.repeat(256 * 1024 + 1), 42, null, ['POST / HTTP/1.1']]),
  against: (random, ids) =>
    pick(random, [
      { secret: '' },
      { webhookId: 'nope' },
      { secret: 'a', webhookId: ids.webhook },
      'whsec_x',
      null,
    ]),
  time: (random) => pick(random, ['yesterday', '2026-13-01T00:00:00Z', 0, null]),
  tolerance: (random) => pick(random, [0, -1, 86_401, 1.5, '300', null]),
  language: (random) => pick(random, ['node', 'Python (Flask)', 'rust', '', null]),
  passphrase: (random) => pick(random, ['short', '', 'p'.repeat(1025), 12345678, null]),
  choices: (random) =>
    pick(random, [
      { sameId: 'overwrite' },
      { duplicates: 'ask' },
      { sameId: 'skip', extra: 1 },
      'replace',
      null,
    ]),
};
/** Values of a type the kind never takes (strings only where the kind refuses every string the junk holds). */
function wrongType(kind: FieldKind, random: Random): unknown {
  for (;;) {
    const value = junkValue(random, false);
    const fits =
      ((kind === 'cascade' || kind === 'paused' || kind === 'flag') && typeof value === 'boolean') ||
      ((kind === 'timeout' || kind === 'port' || kind === 'status' || kind === 'delay') &&
        typeof value === 'number') ||
      ((kind === 'versions' || kind === 'headers') && Array.isArray(value)) ||
      (typeof value === 'string' && !['apiId', 'webhookId', 'deliveryId', 'requestId'].includes(kind));
    if (!fits) return value;
  }
}

interface Ids {
  api: string;
  webhook: string;
  delivery: string;
}

const VALID: Record<FieldKind, (ids: Ids) => unknown> = {
  apiId: (ids) => ids.api,
  webhookId: (ids) => ids.webhook,
  deliveryId: (ids) => ids.delivery,
  name: () => 'Fuzz',
  versions: () => ['v1'],
  version: () => 'v4',
  url: () => 'https://example.com/fuzz',
  description: () => 'Fuzzed',
  headers: () => [{ name: 'X-Fuzz', secret: false, value: '1' }],
  scheme: () => 'github',
  cascade: () => true,
  paused: () => false,
  timeout: () => 10,
  json: () => '{"fuzz":true}',
  overlap: () => '1h',
  role: () => 'current',
  flag: () => false,
  port: () => 4242,
  status: () => 200,
  delay: () => 0,
  requestId: () => '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  retrySchedule: () => 'svix',
  timeScale: () => 'hour',
  pasted: () => 'POST /hooks HTTP/1.1\n\n{}',
  against: () => ({ secret: 'whsec_fuzz' }),
  time: () => '2026-03-01T09:00:00.000Z',
  tolerance: () => 300,
  language: () => 'go',
  passphrase: () => 'correct horse battery',
  choices: () => ({ sameId: 'skip', duplicates: 'skip' }),
};

/** A valid input of the shape, every optional field included. */
const validInput = (shape: Shape, ids: Ids) =>
  Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, VALID[field.kind](ids)]));

/**
 * 1,000 payloads per channel, each malformed by construction: for a channel without input, anything at all;
 * for the others, a value that is no object, a required field left out, an unknown field added, or one field
 * given a value its kind refuses.
 */
function malformedPayloads(channel: Channel, ids: Ids, random: Random): unknown[] {
  const shape = SHAPES[channel];
  return Array.from({ length: 1000 }, () => {
    if (!shape) return junkValue(random);
    const valid = validInput(shape, ids);
    const names = Object.keys(shape);
    const how = random();
    if (how < 0.15) return junkValue(random, false);
    const requiredNames = names.filter((name) => !shape[name]?.optional);
    // Leaving a field out is malformed only where one is required.
    if (how < 0.35 && requiredNames.length > 0) {
      const left = pick(random, requiredNames);
      return Object.fromEntries(Object.entries(valid).filter(([name]) => name !== left));
    }
    if (how < 0.5)
      return {
        ...valid,
        [pick(random, ['extra', 'ID', 'toString', `k${randomText(random, 4)}`])]: junkValue(random),
      };
    const name = pick(random, names);
    const kind = shape[name]?.kind ?? 'apiId';
    return { ...valid, [name]: random() < 0.5 ? INVALID[kind](random, ids) : wrongType(kind, random) };
  });
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
    // A delivery id that is well formed but unknown: a payload that got past the schema would be NOT_FOUND.
    const ids = { api: api.id, webhook: webhook.id, delivery: crypto.randomUUID() };
    // The oracle's valid inputs are valid: every field as the shapes say, every optional one included.
    for (const channel of CHANNELS) {
      const shape = SHAPES[channel];
      const valid = shape ? validInput(shape, ids) : undefined;
      expect(contract[channel].input.safeParse(valid).success, channel).toBe(true);
    }
    const configBefore = readFileSync(join(h.dir, 'config.json'), 'utf8');
    const keychainBefore = await profileItems(h);
    const random = prng(20261127);

    for (const channel of CHANNELS) {
      for (const payload of malformedPayloads(channel, ids, random)) {
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

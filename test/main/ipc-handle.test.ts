/**
 * The IPC wrapper on its own (src/main/ipc/handle.ts, register.ts): exactly what a refused sender, a bad input
 * and a failing handler answer, and the start-up check that the handlers match the contract. ipcMain is the
 * only stand-in: a map of the listeners registered, as Electron keeps them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { handle, ownTopFrameCheck, type InvokeEvent } from '../../src/main/ipc/handle';
import { registerIpc, type Handlers } from '../../src/main/ipc/register';
import { originOf } from '../../src/main/shell/origin';
import { CHANNELS } from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';

type Listener = (event: InvokeEvent, input: unknown) => Promise<unknown>;

function recordingIpc() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle: (channel: string, listener: Listener) => void listeners.set(channel, listener),
    call: (channel: string, input: unknown, frame: InvokeEvent['senderFrame'] = ours) =>
      (listeners.get(channel) as Listener)({ senderFrame: frame }, input),
  };
}

const ours = { url: 'app://hookwarden/index.html', parent: null };
const trusted = ownTopFrameCheck(['app://hookwarden', 'http://localhost:5173']);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handle', () => {
  it('answers a trusted call with the handler’s result, given the parsed input', async () => {
    const ipc = recordingIpc();
    const seen: unknown[] = [];
    handle(
      ipc,
      'x.echo',
      z.object({ n: z.coerce.number() }),
      async (input) => {
        seen.push(input);
        return { twice: input.n * 2 };
      },
      trusted,
    );
    expect(await ipc.call('x.echo', { n: '21' })).toEqual({ ok: true, data: { twice: 42 } });
    expect(seen).toEqual([{ n: 21 }]);
  });

  it.each([
    ['no frame', null],
    ['a subframe', { url: 'app://hookwarden/index.html', parent: {} }],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a URL without a host', { url: 'about:blank', parent: null }],
    ['no URL at all', { url: 'not a url', parent: null }],
  ])('refuses %s with FORBIDDEN and never calls the handler', async (_label, frame) => {
    const ipc = recordingIpc();
    const handler = vi.fn();
    handle(ipc, 'x.any', z.unknown(), handler, trusted);
    expect(await ipc.call('x.any', undefined, frame)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This call did not come from the Hookwarden window.' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts each trusted origin', async () => {
    const ipc = recordingIpc();
    handle(ipc, 'x.ok', z.undefined(), () => 'yes', trusted);
    for (const url of ['app://hookwarden/index.html', 'http://localhost:5173/']) {
      expect(await ipc.call('x.ok', undefined, { url, parent: null })).toEqual({ ok: true, data: 'yes' });
    }
  });

  it('names the first three problems of an invalid input, the whole input as "input"', async () => {
    const ipc = recordingIpc();
    const handler = vi.fn();
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string() });
    handle(ipc, 'x.form', schema, handler, trusted);
    expect(await ipc.call('x.form', {})).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'Invalid input: a: Invalid input: expected string, received undefined; ' +
          'b: Invalid input: expected string, received undefined; ' +
          'c: Invalid input: expected string, received undefined',
      },
    });
    expect(await ipc.call('x.form', 'text')).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Invalid input: input: Invalid input: expected object, received string',
      },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes an AppError on as it is, and turns anything else into INTERNAL, logging it for the developer', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const ipc = recordingIpc();
    handle(ipc, 'x.typed', z.undefined(), () => Promise.reject(new AppError('NOT_FOUND', 'gone')), trusted);
    handle(
      ipc,
      'x.boom',
      z.undefined(),
      () => {
        throw new TypeError('internal detail');
      },
      trusted,
    );
    handle(ipc, 'x.odd', z.undefined(), () => Promise.reject('a bare string'), trusted);

    expect(await ipc.call('x.typed', undefined)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
    const internal = {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something unexpected went wrong. Try again; if it persists, restart the app.',
      },
    };
    expect(await ipc.call('x.boom', undefined)).toEqual(internal);
    expect(await ipc.call('x.odd', undefined)).toEqual(internal);
    expect(logged).toEqual([
      ['[hookwarden] x.boom failed unexpectedly:', 'internal detail'],
      ['[hookwarden] x.odd failed unexpectedly:', 'a bare string'],
    ]);
  });
});

describe('registerIpc', () => {
  const everyChannel = () =>
    Object.fromEntries(CHANNELS.map((channel) => [channel, () => channel])) as unknown as Handlers;

  it('registers every channel of the contract, each answering with its own handler', async () => {
    const ipc = recordingIpc();
    registerIpc(ipc, everyChannel(), () => true);
    expect([...ipc.listeners.keys()].toSorted()).toEqual([...CHANNELS].toSorted());
    const [first] = CHANNELS;
    // The contract's own input schema is applied: an object no channel accepts is refused.
    expect(await ipc.call(first, Symbol('not input'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('refuses to start when a channel has no handler or a handler has no channel', () => {
    const [first] = CHANNELS;
    const missing = Object.fromEntries(
      Object.entries(everyChannel()).filter(([channel]) => channel !== first),
    ) as unknown as Handlers;
    expect(() => registerIpc(recordingIpc(), missing, () => true)).toThrow(
      `IPC handlers out of step with the contract: missing ${first}, unknown `,
    );
    const extra = { ...everyChannel(), 'x.extra': () => null } as unknown as Handlers;
    expect(() => registerIpc(recordingIpc(), extra, () => true)).toThrow(
      'IPC handlers out of step with the contract: missing , unknown x.extra',
    );
    const notAFunction = { ...everyChannel(), [first]: 'nope' } as unknown as Handlers;
    expect(() => registerIpc(recordingIpc(), notAFunction, () => true)).toThrow(`missing ${first},`);
  });
});

describe('originOf', () => {
  it('is scheme://host for a URL with a host, also for app://, and null otherwise', () => {
    expect(originOf('app://hookwarden/index.html?x=1')).toBe('app://hookwarden');
    expect(originOf('http://localhost:5173/a/b')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('file:///tmp/index.html')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

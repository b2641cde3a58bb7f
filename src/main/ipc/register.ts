import {
  CHANNELS,
  contract,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '../../shared/contract';
import type { Services } from '../services';
import { handle, type IpcMainLike, type SenderCheck } from './handle';

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/** Every contract channel, wired to its service call. */
export function channelHandlers(services: Services): Handlers {
  return {
    'app.notices': () => services.notices(),
    'apis.list': () => services.apis.list(),
    'apis.create': (input) => services.apis.create(input),
    'apis.update': (input) => services.apis.update(input),
    'apis.delete': (input) => services.apis.delete(input),
    'webhooks.list': (input) => services.webhooks.list(input),
    'webhooks.create': (input) => services.webhooks.create(input),
    'webhooks.updateUrl': (input) => services.webhooks.updateUrl(input),
    'webhooks.delete': (input) => services.webhooks.delete(input),
    'webhooks.regenerateSecret': (input) => services.webhooks.regenerateSecret(input),
    'webhooks.setScheme': (input) => services.webhooks.setScheme(input),
    'keychain.check': () => services.keychain.check(),
    'keychain.removeOrphans': () => services.keychain.removeOrphans(),
    'secrets.reveal': (input) => services.secrets.reveal(input),
    'secrets.copy': (input) => services.secrets.copy(input),
    'deliveries.send': (input) => services.deliveries.send(input),
    'deliveries.list': (input) => services.deliveries.list(input),
    'deliveries.redeliver': (input) => services.deliveries.redeliver(input),
    'deliveries.copyAsCurl': (input) => services.deliveries.copyAsCurl(input),
    'templates.get': (input) => services.templates.get(input),
    'templates.save': (input) => services.templates.save(input),
    'templates.reset': (input) => services.templates.reset(input),
    'settings.get': () => services.settings.get(),
    'settings.update': (input) => services.settings.update(input),
  };
}

/** Registers every channel of the contract; fails at startup if one has no handler or a handler no channel. */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, isTrustedSender: SenderCheck): void {
  const missing = CHANNELS.filter((channel) => typeof handlers[channel] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !(name in contract));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`IPC handlers out of step with the contract: missing ${missing}, unknown ${unknown}`);
  }
  for (const channel of CHANNELS) {
    const run = handlers[channel] as (input: unknown) => unknown;
    handle(ipcMain, channel, contract[channel].input, run, isTrustedSender);
  }
}

import {
  CHANNELS,
  contract,
  splitName,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '../../shared/contract';
import type { Services } from '../services';
import { handle, type IpcMainLike, type SenderCheck } from './handle';

type Handler<C extends Channel> = (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in Channel]: Handler<C> };

type DomainOf<C extends Channel> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C extends Channel> = C extends `${string}.${infer V}` ? V : never;

/** What the services must offer: for channel `domain.verb`, a method `services.domain.verb(input)`. */
type ServesEveryChannel = {
  [D in DomainOf<Channel>]: { [C in Channel as DomainOf<C> extends D ? VerbOf<C> : never]: Handler<C> };
};

/** Every contract channel `domain.verb`, wired to `services.domain.verb` (a type error if one is missing). */
export function channelHandlers(services: Services & ServesEveryChannel): Handlers {
  const entries = CHANNELS.map((channel) => {
    const { domain, verb } = splitName(channel);
    const area = services[domain as keyof ServesEveryChannel] as unknown as Record<string, unknown>;
    const method = area[verb] as (input: unknown) => unknown;
    return [channel, (input: unknown) => method.call(area, input)];
  });
  return Object.fromEntries(entries) as Handlers;
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

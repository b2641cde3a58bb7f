/** The renderer's only door to main: turns each channel's Result into data or a thrown AppError. */
// Types alone from the contract: its schemas are main's (the renderer bundles no full zod).
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayloads,
} from '../../../shared/contract';
import { splitName, subscriberName } from '../../../shared/channel-names';
import { AppError, type Result } from '../../../shared/errors';

type AnyInvoke = (input?: unknown) => Promise<Result<unknown>>;
type AnySubscribe = (listener: (payload: unknown) => void) => () => void;

function bridge(): Record<string, Record<string, unknown>> {
  return window.hookwarden as unknown as Record<string, Record<string, unknown>>;
}

export async function call<C extends Channel>(
  channel: C,
  ...input: ChannelInput<C> extends undefined ? [] : [ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const { domain, verb } = splitName(channel);
  const invoke = bridge()[domain]?.[verb] as AnyInvoke;
  const result = await invoke(input[0]);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.data as ChannelOutput<C>;
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  const { domain } = splitName(event);
  const on = bridge()[domain]?.[subscriberName(event)] as AnySubscribe;
  return on((payload) => listener(payload as EventPayloads[E]));
}
